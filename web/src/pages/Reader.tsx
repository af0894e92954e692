// 规划文本: the document with its outline, every extracted figure highlighted; a click shows what Lantu read
// and lets an editor correct it (kept with who, when and why; the original stays beside the correction).
import { EditOutlined, LinkOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { Fragment, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import {
  ApiError,
  postJson,
  type CatalogIndicator,
  type DocumentDiagnostic,
  type Figure,
  type FigureFields,
  type Heading,
  type ReaderDocument,
} from '../api';
import { catalogOptions, loadCatalog } from '../catalog';
import { Downloads } from '../components/Downloads';
import { formatPeriod, formatQuantity, formatTime } from '../format';
import { useLang } from '../i18n';
import { useApi } from '../useApi';

const KIND: Record<Figure['kind'], [string, string]> = {
  target: ['目标', 'Target'],
  achievement: ['已实现数值', 'Reported value'],
  row: ['指标表行', 'Indicator table row'],
};

/** Which reading stage a message comes from, by its code's prefix (`outline/numbering-gap` → 目录层级). */
const STAGE: Record<string, [string, string]> = {
  outline: ['目录层级', 'Outline'],
  table: ['指标表', 'Table'],
  layout: ['版面', 'Layout'],
  extract: ['抽取', 'Extraction'],
};
const READER_STAGE: [string, string] = ['文件读取', 'Reading'];

function LineDiagnostics({ diagnostics }: { diagnostics: DocumentDiagnostic[] }) {
  const { t } = useLang();
  return (
    <div className="line-diagnostics" role="note">
      {diagnostics.map((d, i) => {
        const [zh, en] = STAGE[d.code.split('/')[0]!] ?? READER_STAGE;
        return (
          <div key={i} className={`line-diagnostic ${d.severity}`} data-code={d.code}>
            <Tag color={d.severity === 'error' ? 'error' : 'warning'}>{t(`${zh}提示`, `${en} note`)}</Tag>
            <span>{d.message}</span>
            {d.expected && (
              <span className="muted">
                （{t('应为', 'expected')}：{d.expected}）
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}

interface Segment {
  text: string;
  figure?: Figure;
}

/** Cut each line of the text into plain runs and highlighted figures (overlapping figures: the first wins). */
function segmentLines(text: string, figures: readonly Figure[]): Segment[][] {
  const placed = figures
    .filter((f) => f.start !== null && f.end !== null && f.end > f.start)
    .sort((a, b) => a.start! - b.start! || b.end! - a.end!);
  const lines: Segment[][] = [];
  let offset = 0;
  let next = 0;
  for (const line of text.split('\n')) {
    const end = offset + line.length;
    const segments: Segment[] = [];
    let at = offset;
    while (next < placed.length && placed[next]!.start! < end) {
      const f = placed[next]!;
      next++;
      if (f.start! < at) continue;
      if (f.start! > at) segments.push({ text: text.slice(at, f.start!) });
      const stop = Math.min(f.end!, end);
      segments.push({ text: text.slice(f.start!, stop), figure: f });
      at = stop;
    }
    if (at < end || segments.length === 0) segments.push({ text: text.slice(at, end) });
    lines.push(segments);
    offset = end + 1;
  }
  return lines;
}

function Outline({ outline, onJump }: { outline: Heading[]; onJump: (line: number) => void }) {
  return (
    <nav className="outline" aria-label="outline">
      {outline.map((h) => (
        <a
          key={h.id}
          href={`#L${h.line}`}
          className={`outline-item level-${Math.min(h.level, 4)}`}
          onClick={(e) => {
            e.preventDefault();
            onJump(h.line);
          }}
        >
          {h.label ? `${h.label} ` : ''}
          {h.title}
        </a>
      ))}
    </nav>
  );
}

function FigureDetails({
  figure,
  catalog,
  onSaved,
}: {
  figure: Figure;
  catalog: CatalogIndicator[];
  onSaved: (f: Figure) => void;
}) {
  const { t, lang } = useLang();
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const kind = KIND[figure.kind];

  const submit = async (values: FigureFields & { reason: string }) => {
    const changes: Partial<FigureFields> = {};
    for (const key of ['indicator', 'indicator_id', 'value', 'unit', 'year', 'comparator'] as const) {
      const before = figure[key] ?? null;
      let after: string | number | null = (values[key] as string | number | null | undefined) ?? null;
      if (typeof after === 'string') after = after.trim() === '' ? null : after.trim();
      if (after !== before) (changes as Record<string, unknown>)[key] = after;
    }
    if (Object.keys(changes).length === 0) {
      setError(t('没有修改任何内容。', 'Nothing was changed.'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await postJson<Figure>('/api/corrections', {
        subject_kind: figure.kind,
        subject_id: figure.id,
        changes,
        reason: values.reason,
      });
      message.success(
        t('更正已提交，经审核后生效，原值保留。', 'Correction submitted; it applies once approved.'),
      );
      setSubmitted(values.reason ?? '');
      setEditing(false);
      onSaved(saved);
    } catch (e) {
      const body = e instanceof ApiError ? e.body : null;
      setError(
        `${(e as Error).message}${body?.expected ? `（${t('应为', 'expected')}：${body.expected}）` : ''}`,
      );
    } finally {
      setSaving(false);
    }
  };

  const items = [
    {
      key: 'kind',
      label: t('类型', 'Kind'),
      children: `${lang === 'zh' ? kind[0] : kind[1]}${figure.aspirational ? t('（力争）', ' (aspirational)') : ''}`,
    },
    { key: 'indicator', label: t('指标（原文）', 'Indicator (as written)'), children: figure.indicator },
    {
      key: 'link',
      label: t('关联目录指标', 'Catalog link'),
      children: figure.indicator_id ? (
        <Space wrap>
          <Link to={`/indicators/${figure.indicator_id}?plan=${figure.document_id}`}>
            <LinkOutlined /> {figure.indicator_name ?? figure.indicator_id}
          </Link>
          {figure.link_confidence !== null && (
            <span className="muted">
              {t('置信度', 'confidence')} {Math.round(figure.link_confidence * 100)}%
            </span>
          )}
        </Space>
      ) : (
        <Tag color="orange">{t('未关联', 'Not linked')}</Tag>
      ),
    },
    {
      key: 'value',
      label: t('数值', 'Value'),
      children:
        figure.kind === 'row' && figure.cells ? (
          <span>
            {t('基期', 'Base')} {figure.cells.base_raw ?? '—'} · {t('目标', 'Target')}{' '}
            {figure.cells.target_raw ?? '—'}
            {figure.cells.growth_raw ? ` · ${t('年均增长', 'Annual growth')} ${figure.cells.growth_raw}` : ''}
          </span>
        ) : (
          <span className="figure-value">
            {figure.comparator ? `${figure.comparator} ` : ''}
            {formatQuantity(figure.value, figure.unit)}
            {figure.value_max ? ` — ${formatQuantity(figure.value_max, figure.unit)}` : ''}
          </span>
        ),
    },
    { key: 'unit', label: t('单位', 'Unit'), children: figure.unit ?? '—' },
    { key: 'year', label: t('年份', 'Year'), children: figure.year ?? '—' },
    ...(figure.metric
      ? [
          {
            key: 'metric',
            label: figure.kind === 'row' ? t('属性', 'Attribute') : t('口径', 'Measure'),
            children: figure.metric,
          },
        ]
      : []),
    { key: 'quote', label: t('原文', 'Quote'), children: <span className="quote">“{figure.quote}”</span> },
    { key: 'line', label: t('位置', 'Place'), children: t(`第 ${figure.line} 行`, `line ${figure.line}`) },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Descriptions column={1} size="small" bordered items={items} />
      {submitted !== null && (
        <Alert
          type="warning"
          showIcon
          className="correction-pending"
          title={t('更正已提交，待审核', 'Correction submitted, awaiting review')}
          description={`${t('理由', 'Reason')}：${submitted}`}
        />
      )}
      {figure.correction && figure.original && (
        <Alert
          type="info"
          showIcon
          className="correction-note"
          title={t(
            `已由 ${figure.correction.by} 于 ${formatTime(figure.correction.at)} 更正`,
            `Corrected by ${figure.correction.by} on ${formatTime(figure.correction.at)}`,
          )}
          description={
            <div>
              <div>
                {t('理由', 'Reason')}：{figure.correction.reason}
              </div>
              <div className="muted">
                {t('抽取原值', 'As extracted')}：{figure.original.indicator} ·{' '}
                {formatQuantity(figure.original.value, figure.original.unit)} · {figure.original.year ?? '—'}
                {t('年', '')}
              </div>
            </div>
          }
        />
      )}
      {!editing ? (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
          {t('更正', 'Correct')}
        </Button>
      ) : (
        <Card size="small" title={t('更正抽取结果', 'Correct this figure')}>
          <Form
            form={form}
            layout="vertical"
            requiredMark={false}
            initialValues={{
              indicator: figure.indicator,
              indicator_id: figure.indicator_id,
              value: figure.value,
              unit: figure.unit,
              year: figure.year,
              comparator: figure.comparator,
              reason: '',
            }}
            onFinish={submit}
          >
            <Form.Item
              name="indicator"
              label={t('指标名称', 'Indicator')}
              rules={[{ required: true, message: t('请填写指标名称', 'Required') }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="indicator_id" label={t('关联目录指标', 'Catalog indicator')}>
              <Select
                allowClear
                showSearch={{ filterOption: (input, option) => String(option?.search ?? '').includes(input) }}
                placeholder={t('选择目录中的指标', 'Choose from the catalog')}
                options={catalogOptions(catalog)}
              />
            </Form.Item>
            <Space wrap>
              <Form.Item
                name="value"
                label={figure.kind === 'row' ? t('目标值', 'Target') : t('数值', 'Value')}
              >
                <Input style={{ width: 120 }} aria-label={t('数值', 'Value')} />
              </Form.Item>
              <Form.Item name="unit" label={t('单位', 'Unit')}>
                <Input style={{ width: 90 }} />
              </Form.Item>
              <Form.Item name="year" label={t('年份', 'Year')}>
                <InputNumber style={{ width: 100 }} min={1949} max={2100} />
              </Form.Item>
              {figure.kind === 'target' && (
                <Form.Item name="comparator" label={t('比较词', 'Comparator')}>
                  <Input style={{ width: 90 }} />
                </Form.Item>
              )}
            </Space>
            <Form.Item
              name="reason"
              label={t('更正理由', 'Reason')}
              rules={[
                { required: true, whitespace: true, message: t('请说明更正理由', 'Please give a reason') },
              ]}
            >
              <Input.TextArea
                rows={2}
                placeholder={t('例如：原文为“力争达到1000亿元”，应为预期目标', 'e.g. the text says…')}
              />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <Space>
              <Button type="primary" htmlType="submit" loading={saving}>
                {t('保存更正', 'Save correction')}
              </Button>
              <Button onClick={() => setEditing(false)}>{t('取消', 'Cancel')}</Button>
            </Space>
          </Form>
        </Card>
      )}
    </Space>
  );
}

export default function Reader() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const { t } = useLang();
  const screens = Grid.useBreakpoint();
  const { data, error } = useApi<ReaderDocument>(`/api/documents/${id}/reader`);
  const [figures, setFigures] = useState<Figure[]>([]);
  const [selected, setSelected] = useState<Figure | null>(null);
  const [catalog, setCatalog] = useState<CatalogIndicator[]>([]);
  const textBox = useRef<HTMLDivElement>(null);

  useEffect(() => setFigures(data?.figures ?? []), [data]);
  useEffect(() => {
    loadCatalog().then(setCatalog, () => setCatalog([]));
  }, []);

  const lines = useMemo(() => (data ? segmentLines(data.text, figures) : []), [data, figures]);
  const headingLines = useMemo(() => new Set((data?.outline ?? []).map((h) => h.line)), [data]);
  // Messages of the reading stages, shown under the line they are about.
  const diagnosticsByLine = useMemo(() => {
    const byLine = new Map<number, DocumentDiagnostic[]>();
    for (const d of data?.document.diagnostics ?? []) {
      if (d.line === undefined) continue;
      byLine.set(d.line, [...(byLine.get(d.line) ?? []), d]);
    }
    return byLine;
  }, [data]);
  const byKey = useMemo(() => new Map(figures.map((f) => [`${f.kind}:${f.id}`, f])), [figures]);

  const jump = (line: number) => {
    const el = document.getElementById(`L${line}`);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.classList.add('line-target');
    window.setTimeout(() => el.classList.remove('line-target'), 2500);
  };

  const target = Number(search.get('line'));
  useEffect(() => {
    if (data && target > 0) window.setTimeout(() => jump(target), 50);
  }, [data, target]);

  const onTextClick = (e: MouseEvent<HTMLDivElement>) => {
    const mark = (e.target as HTMLElement).closest('[data-figure]');
    const figure = mark ? byKey.get(mark.getAttribute('data-figure')!) : undefined;
    if (figure) setSelected(figure);
  };

  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title={t('文件加载失败', 'Could not load the document')}
        description={error.message}
      />
    );
  if (!data) return <Skeleton active paragraph={{ rows: 12 }} />;
  const doc = data.document;
  const placed = figures.filter((f) => f.start !== null).length;

  return (
    <div className="page reader">
      <Typography.Title level={3} className="doc-title">
        {doc.title ?? doc.filename}
      </Typography.Title>
      <div className="muted doc-meta">
        {doc.region ?? '—'} · {formatPeriod(doc.period_start, doc.period_end)} ·{' '}
        {t(
          `已标出 ${placed} 处数字（目标、已实现数值、指标表）`,
          `${placed} figures highlighted (targets, reported values, table rows)`,
        )}
        {doc.diagnostics.length > 0 &&
          ` · ${t(`读取提示 ${doc.diagnostics.length} 条（见所在行下方）`, `${doc.diagnostics.length} reading notes (under their lines)`)}`}
        {doc.doc_type === 'plan' && (
          <>
            {' · '}
            <Link to={`/plans/${doc.id}/evaluation`}>{t('规划评估', 'Plan evaluation')}</Link>
            {' · '}
            <Link to={`/public/plans/${doc.id}`}>{t('公开页面', 'Public page')}</Link>
          </>
        )}
      </div>
      <div className="legend">
        <mark className="figure figure-target">{t('目标', 'Target')}</mark>
        <mark className="figure figure-achievement">{t('已实现数值', 'Reported value')}</mark>
        <mark className="figure figure-row">{t('指标表', 'Table row')}</mark>
        <mark className="figure figure-target corrected">{t('已更正', 'Corrected')}</mark>
        <Downloads path={`/api/documents/${doc.id}/figures`} />
      </div>
      <Row gutter={16}>
        {screens.lg ? (
          <Col lg={6}>
            <Card size="small" title={t('目录', 'Outline')} className="outline-card">
              <Outline outline={data.outline} onJump={jump} />
            </Card>
          </Col>
        ) : (
          <Col xs={24}>
            <Select
              className="outline-select"
              placeholder={t('跳转到章节', 'Go to section')}
              style={{ width: '100%', marginBottom: 12 }}
              onChange={(line: number) => jump(line)}
              options={data.outline.map((h) => ({ value: h.line, label: `${h.label ?? ''} ${h.title}` }))}
            />
          </Col>
        )}
        <Col xs={24} lg={18}>
          <div className="doc-text" ref={textBox} onClick={onTextClick}>
            {lines.map((segments, i) => (
              <Fragment key={i}>
                <div id={`L${i + 1}`} className={headingLines.has(i + 1) ? 'doc-line heading' : 'doc-line'}>
                  {segments.map((s, j) =>
                    s.figure ? (
                      <mark
                        key={j}
                        role="button"
                        tabIndex={0}
                        data-figure={`${s.figure.kind}:${s.figure.id}`}
                        className={`figure figure-${s.figure.kind}${s.figure.correction ? ' corrected' : ''}${s.figure.indicator_id ? '' : ' unlinked'}`}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') setSelected(s.figure!);
                        }}
                      >
                        {s.text}
                      </mark>
                    ) : (
                      <span key={j}>{s.text}</span>
                    ),
                  )}
                </div>
                {diagnosticsByLine.has(i + 1) && (
                  <LineDiagnostics diagnostics={diagnosticsByLine.get(i + 1)!} />
                )}
              </Fragment>
            ))}
          </div>
        </Col>
      </Row>
      <Drawer
        open={selected !== null}
        onClose={() => setSelected(null)}
        size={screens.md ? 460 : '100%'}
        title={t('Lantu 读取的结果', 'What Lantu read')}
        destroyOnHidden
      >
        {selected && (
          <FigureDetails
            key={`${selected.kind}:${selected.id}`}
            figure={selected}
            catalog={catalog}
            onSaved={(saved) => {
              setFigures((all) => all.map((f) => (f.kind === saved.kind && f.id === saved.id ? saved : f)));
              setSelected(saved);
            }}
          />
        )}
      </Drawer>
    </div>
  );
}
