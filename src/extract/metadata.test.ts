import { describe, expect, it } from 'vitest';
import { corpusDocument, CORPUS_FILES, goldFor, GOLD_FILES, manifest } from '../../test/helpers/corpus.js';
import { cleanLayout } from '../layout/index.js';
import { makeSourceText } from '../text/source-text.js';
import { fiveYearPlanStart } from '../quantity/index.js';
import { extractMetadata, yearValue } from './metadata.js';

const metadataOf = (text: string) => extractMetadata(cleanLayout(makeSourceText(text)));

describe('metadata of the corpus', () => {
  const entries = manifest();

  it.each(CORPUS_FILES)('%s matches the manifest', (name) => {
    const meta = metadataOf(corpusDocument(name).text);
    const expected = entries.get(name)!;
    expect(meta).toMatchObject({
      region: expected.region,
      parent_region: expected.city,
      province: expected.province,
      doc_type: expected.doc_type,
      period: expected.period,
    });
  });

  it.each(GOLD_FILES)('%s matches the gold title and vision year', (name) => {
    const gold = goldFor(name);
    const meta = metadataOf(corpusDocument(name).text);
    expect(meta.title).toBe(gold.title);
    expect(meta.vision_year).toBe(gold.vision_year);
  });
});

describe('metadata rules', () => {
  it('knows when each five-year plan began', () => {
    expect(fiveYearPlanStart(1)).toBe(1953);
    expect(fiveYearPlanStart(3)).toBe(1966);
    expect(fiveYearPlanStart(14)).toBe(2021);
    expect(fiveYearPlanStart(15)).toBe(2026);
  });

  it('reads years written in Chinese digits', () => {
    expect(yearValue('二〇三五')).toBe(2035);
    expect(yearValue('2050')).toBe(2050);
  });

  it('reads a 十五五 county plan of another province', () => {
    const meta = metadataOf(
      '广东省佛山市南海区国民经济和社会发展第十五个五年规划和二〇三五年远景目标纲要\n\n序言\n“十五五”时期是……的关键时期。',
    );
    expect(meta).toMatchObject({
      region: '南海区',
      parent_region: '佛山市',
      province: '广东省',
      doc_type: 'plan',
      period: '2026-2030',
      vision_year: 2035,
    });
  });

  it('reads a city-level statistical bulletin', () => {
    const meta = metadataOf(
      '郑州市2025年国民经济和社会发展统计公报\n\n郑州市统计局\n\n2025年，全市经济运行稳中有进。',
    );
    expect(meta).toMatchObject({
      region: '郑州市',
      parent_region: '河南省',
      province: '河南省',
      doc_type: 'bulletin',
      period: '2025',
    });
  });

  it('reads a work report whose title names the congress', () => {
    const meta = metadataOf(
      '政府工作报告\n——2026年1月10日在成都市武侯区第十九届人民代表大会第五次会议上\n\n区长 某某\n\n各位代表：\n现在，我代表区人民政府作报告。',
    );
    expect(meta).toMatchObject({
      region: '武侯区',
      parent_region: '成都市',
      province: '四川省',
      doc_type: 'work_report',
      period: '2026',
    });
    expect(meta.title).toBe('政府工作报告——2026年1月10日在成都市武侯区第十九届人民代表大会第五次会议上');
  });
});

describe('metadata edge cases', () => {
  it('accepts a title with a trailing note and does not read 第一个五年 as the first five-year plan', () => {
    const meta = metadataOf(
      '涧西区国民经济和社会发展第十四个五\n年规划和二〇三五年远景目标纲要（节\n选）\n序 言\n“十四五”时期是开启新征程的第一个五年，是关键时期。',
    );
    expect(meta.title).toBe('涧西区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要（节选）');
    expect(meta.region).toBe('涧西区');
    expect(meta.period).toBe('2021-2025');
  });
});
