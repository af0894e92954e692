import { describe, expect, it } from 'vitest';
import { corpusDocument, CORPUS_FILES, goldFor, GOLD_FILES, manifest } from '../../test/helpers/corpus.js';
import { cleanLayout } from '../layout/index.js';
import { makeSourceText } from '../text/source-text.js';
import { fiveYearPlanStart } from '../quantity/index.js';
import { extractMetadata, yearValue } from './metadata.js';

const metadataOf = (text: string) => extractMetadata(cleanLayout(makeSourceText(text)));

describe('metadata of the corpus', () => {
  const entries = manifest();

  /** The manifest names region, city and province (`—` for none); the parent is the next level up. */
  const named = (value: string | undefined) => (value === '—' ? null : (value ?? null));
  const parentOf = (e: Record<string, string>) =>
    e.region !== e.city ? named(e.city) : e.city === e.province ? null : named(e.province);

  it.each(CORPUS_FILES)('%s matches the manifest', (name) => {
    const meta = metadataOf(corpusDocument(name).text);
    const expected = entries.get(name)!;
    expect(meta).toMatchObject({
      region: expected.region,
      parent_region: parentOf(expected),
      province: named(expected.province),
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

describe('regions and outlook years of national and 十五五 documents', () => {
  it('reads the national work report as 中华人民共和国, with no parent and no province', () => {
    const meta = metadataOf(
      '政府工作报告\n——2026年3月5日在第十四届全国人民代表大会第四次会议上\n国务院总理\n各位代表：\n现在，我代表国务院作报告。经济增长目标同2035年远景目标总体衔接。',
    );
    expect(meta).toMatchObject({
      region: '中华人民共和国',
      parent_region: null,
      province: null,
      doc_type: 'work_report',
      period: '2026',
      vision_year: 2035,
    });
  });

  it('reads a bulletin whose title starts with its year', () => {
    const meta = metadataOf(
      '2025年苏州市国民经济和社会发展统计公报\n苏州市统计局\n2025年，全市经济稳健运行。到2035年的目标不属于公报。',
    );
    expect(meta).toMatchObject({
      region: '苏州市',
      parent_region: '江苏省',
      province: '江苏省',
      period: '2025',
      vision_year: null,
    });
  });

  it('skips a web page breadcrumb and a line quoting the title', () => {
    const meta = metadataOf(
      '当前位置：首页 > 统计数据 > 年度国民经济和社会发展统计数据发布\n2025年苏州市国民经济和社会发展统计公报\n时间： 2026-05-22 来源：苏州市统计局\n2025年，全市经济稳健运行。',
    );
    expect(meta.title).toBe('2025年苏州市国民经济和社会发展统计公报');
    const report = metadataOf(
      '《政府工作报告》全文\n政府工作报告\n——2026年3月5日在第十四届全国人民代表大会第四次会议上\n各位代表：\n现在，我代表国务院作报告。',
    );
    expect(report.title).toBe('政府工作报告——2026年3月5日在第十四届全国人民代表大会第四次会议上');
  });

  it('takes the nearest outlook year beyond a 十五五 plan that names no 远景目标', () => {
    const meta = metadataOf(
      '某市国民经济和社会发展\n第十五个五年规划纲要\n序言\n到2027年完成三年行动。为2035年基本实现社会主义现代化打下基础，展望2050年建成现代化强市。',
    );
    expect(meta.period).toBe('2026-2030');
    expect(meta.vision_year).toBe(2035);
  });

  it('gives no outlook year to a plan that names none beyond its period', () => {
    const meta = metadataOf(
      '某市国民经济和社会发展\n第十五个五年规划纲要\n序言\n到2030年，全市经济总量再上新台阶。',
    );
    expect(meta.vision_year).toBeNull();
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
