import { describe, it, expect } from 'vitest';
import { cleanLayout } from '../../layout/index.js';
import { makeSourceText } from '../../text/source-text.js';
import { extractProjects } from './index.js';
import { clauseMentions } from './mentions.js';

const names = (clause: string): string[] => clauseMentions(clause).map((m) => m.name);

describe('clauseMentions: projects named in running text', () => {
  it('reads a verb, a list of facility names and a closing 等…项目建设', () => {
    expect(names('加快东旭氢能产业园、氢能汽车产业园等重点项目建设，')).toEqual([
      '东旭氢能产业园',
      '氢能汽车产业园',
    ]);
    expect(names('加快推进华光科技园二期工程，')).toEqual(['华光科技园二期工程']);
    expect(names('重点支持中科科技园、普莱柯国家兽用药品工程技术研究中心建设，')).toEqual([
      '中科科技园',
      '普莱柯国家兽用药品工程技术研究中心',
    ]);
  });

  it('splits `A项目和B项目`, and reads quoted names with 项目', () => {
    expect(names('加快实施三岔口“山水隐庐”生态文旅项目和农谷科创小镇项目建设，')).toEqual([
      '三岔口“山水隐庐”生态文旅项目',
      '农谷科创小镇项目',
    ]);
    expect(names('吸引“5G+XR电竞未来乐园”项目落户涧西；')).toEqual(['“5G+XR电竞未来乐园”项目']);
  });

  it('takes the named example of `X等N个…项目` and the subject of an event', () => {
    expect(names('廷阳光电新材料等 11个重大工业项目开工建设，')).toEqual(['廷阳光电新材料']);
    expect(names('对氢沄新能源发电机等 133 个在建项目，')).toEqual(['氢沄新能源发电机']);
    expect(names('火炬大桥、火炬大道竣工通车，')).toEqual(['火炬大桥', '火炬大道']);
    expect(names('确保工农卫生院年底前完工，')).toEqual(['工农卫生院']);
    expect(names('鸿运小区改造项目入选全国优秀案例')).toEqual(['鸿运小区改造项目']);
  });

  it('keeps a list of bare places with the work done at them as one project', () => {
    expect(names('遇驾沟、同乐寨、尤东等安置房项目加快推进，')).toEqual(['遇驾沟、同乐寨、尤东等安置房项目']);
  });

  it('reads investments written before each name', () => {
    expect(
      clauseMentions('投资 6亿元的中科慧远总部基地、20亿元的涧西信息技术产业园等一批重大项目落地实施。'),
    ).toEqual([
      { name: '中科慧远总部基地', offset: 7, investment: '6亿元' },
      { name: '涧西信息技术产业园', offset: 21, investment: '20亿元' },
    ]);
  });

  it('does not read kinds, counts, slogans or policy prose as projects', () => {
    expect(names('建成巩固脱贫攻坚成果项目 13个，')).toEqual([]);
    expect(names('加快推进 29个安置房项目，')).toEqual([]);
    expect(names('全区“三新”项目备案达345项；')).toEqual([]);
    expect(names('加强对政府投资项目的审批监督，')).toEqual([]);
    expect(names('推进“三名工程”，')).toEqual([]);
    expect(names('试点建设青年友好型街区、青年主题游园等，')).toEqual([]);
    expect(names('持续推进智慧城市、智慧城管、智慧社区建设，')).toEqual([]);
    expect(names('围绕国家综合立体交通网、新型能源体系等提出23项工程。')).toEqual([]);
    expect(names('粮食、能源、金融等重点领域安全能力建设明显加强，')).toEqual([]);
    expect(names('支持中信、中航光电等企业深度融入龙门实验室建设，')).toEqual([]);
    expect(names('设立新型政策性金融工具补充重点项目资本金，')).toEqual([]);
  });
});

describe('extractProjects in running text', () => {
  const text = [
    '各位代表：',
    '',
    '一、2025年工作回顾',
    '',
    '地铁1号线成功运行，郑青路顺利打通。加快推进秦岭防洪渠治理，确保10月底前全部完工。',
    '',
    '二、2026年主要工作',
    '',
    '加快推进地铁1号线二期工程，持续推进郑青路建设。',
  ].join('\n');

  it('reads them in a work report, once each, with their lines', () => {
    const layout = cleanLayout(makeSourceText(text));
    expect(extractProjects(layout, 'work_report').map((p) => [p.name, p.evidence.line, p.box])).toEqual([
      ['地铁1号线', 5, null],
      ['郑青路', 5, null],
      ['地铁1号线二期工程', 9, null],
    ]);
  });

  it('reads nothing from the prose of a plan, whose projects are in its boxes', () => {
    expect(extractProjects(cleanLayout(makeSourceText(text)), 'plan')).toEqual([]);
  });
});
