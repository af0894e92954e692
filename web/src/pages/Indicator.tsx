// 指标监测: one indicator of one plan — base, target, expected path and actual values on a chart, the status
// with how it was computed, the evidence of every point, and an override with its reason.
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  Empty,
  Form,
  Input,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  ApiError,
  postJson,
  type CatalogIndicator,
  type DocumentSummary,
  type Evidence,
  type IndicatorSeries,
  type Page,
  type Status,
} from '../api';
import { catalogOptions, loadCatalog } from '../catalog';
import { Chart, type ChartOption } from '../components/Chart';
import { Downloads } from '../components/Downloads';
import { StatusTag } from '../components/StatusTag';
import { formatNumber, formatPercent, formatQuantity, formatTime } from '../format';
import { LABELS, LABEL_EN, useLang } from '../i18n';
import { useApi } from '../useApi';
import { KIND_TEXT, METHOD_TEXT, targetText } from '../../../src/monitor/wording';
import { requiredPath, type PathPoint } from '../../../src/monitor/road';

/** 需年均增长 4.2% / 需年均增加 2 万人: what the path still needed asks of each remaining year. */
function neededText(path: PathPoint[], unit: string, t: (zh: string, en: string) => string): string {
  const [from, next] = path;
  if (!from || !next) return '';
  const n = path.length - 1;
  const last = path[n]!;
  if (from.value > 0 && last.value > 0) {
    const rate = (Math.pow(last.value / from.value, 1 / n) - 1) * 100;
    return rate < 0
      ? t(`需年均下降${formatPercent(-rate)}`, `needs −${formatPercent(-rate)} a year`)
      : t(`需年均增长${formatPercent(rate)}`, `needs +${formatPercent(rate)} a year`);
  }
  const step = next.value - from.value;
  return t(
    `需年均${step < 0 ? '减少' : '增加'}${formatQuantity(Math.abs(step), unit)}`,
    `needs ${step < 0 ? '−' : '+'}${formatQuantity(Math.abs(step), unit)} a year`,
  );
}

function latestPerTarget(statuses: Status[]): Status[] {
  const latest = new Map<string, Status>();
  for (const s of statuses) {
    const key = `${s.row_id}:${s.target_kind}`;
    const seen = latest.get(key);
    if (!seen || s.year > seen.year) latest.set(key, s);
  }
  return [...latest.values()];
}

function seriesOption(series: IndicatorSeries, t: (zh: string, en: string) => string): ChartOption {
  const years = new Set<number>();
  if (series.base) years.add(series.base.year);
  series.expected.forEach((p) => years.add(p.year));
  series.actual.forEach((o) => years.add(o.year));
  if (series.target) years.add(series.target.year);
  if (series.plan.period_start && series.plan.period_end)
    for (let y = series.plan.period_start - 1; y <= series.plan.period_end; y++) years.add(y);
  const at = (year: number, value: number | null) => [String(year), value];
  const unit = series.target?.unit ?? series.base?.unit ?? series.indicator.unit ?? '';
  const actual = new Map<number, number>();
  for (const o of series.actual) actual.set(o.year, Number(o.value));
  const lastActual = [...actual.entries()].sort((a, b) => a[0] - b[0]).at(-1);
  // From the latest actual to a level target: what each remaining year still has to bring (the road ahead).
  const needed =
    series.target?.kind === 'level' && lastActual
      ? requiredPath(
          { year: lastActual[0], value: lastActual[1] },
          series.target,
          series.indicator.direction === 'lower' ? 'lower' : 'higher',
        )
      : [];
  for (const p of needed) years.add(p.year);
  const markLines: object[] = [];
  if (
    series.target?.value !== null &&
    series.target?.value !== undefined &&
    series.target.kind !== 'growth'
  ) {
    markLines.push({
      yAxis: series.target.value,
      name: t('目标', 'Target'),
      label: {
        formatter: `${t('目标', 'Target')} ${formatQuantity(series.target.value, unit)}`,
        position: 'insideStartTop',
      },
      lineStyle: { color: '#c2410c', type: 'solid' },
    });
  }
  if (series.plan.midterm_year) {
    markLines.push({
      xAxis: String(series.plan.midterm_year),
      name: t('中期评估', 'Mid-term'),
      label: { formatter: `${t('中期评估', 'Mid-term')} ${series.plan.midterm_year}`, position: 'end' },
      lineStyle: { color: '#7c3aed', type: 'dotted' },
    });
  }
  const axis = [...years].sort((a, b) => a - b);
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? formatQuantity(v, unit) : '—'),
    },
    legend: { top: 0 },
    grid: { left: 8, right: needed.length > 0 ? 120 : 24, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: axis.map(String), boundaryGap: false },
    yAxis: { type: 'value', name: unit, scale: true },
    series: [
      {
        name: t('预期路径', 'Expected path'),
        type: 'line',
        data: series.expected.map((p) => at(p.year, p.value)),
        lineStyle: { type: 'dashed' },
        symbol: 'none',
        color: '#94a3b8',
        markLine: { symbol: 'none', data: markLines },
      },
      {
        name: t('实际值', 'Actual'),
        type: 'line',
        data: [...actual.entries()].sort((a, b) => a[0] - b[0]).map(([y, v]) => at(y, v)),
        symbolSize: 8,
        color: '#1d4ed8',
      },
      // Only when there is a road ahead to draw (a level target after the latest actual), so the legend never lists it empty.
      ...(needed.length > 0
        ? [
            {
              name: t('尚需路径', 'Path still needed'),
              type: 'line',
              data: needed.map((p) => at(p.year, p.value)),
              lineStyle: { type: 'dashed', width: 2 },
              symbol: 'none',
              color: '#ea580c',
              endLabel: { show: true, formatter: neededText(needed, unit, t), color: '#c2410c' },
            },
          ]
        : []),
      {
        name: t('基期值', 'Base'),
        type: 'scatter',
        data: series.base ? [at(series.base.year, series.base.value)] : [],
        symbolSize: 12,
        color: '#0f766e',
      },
      {
        name: t('规划目标', 'Target'),
        type: 'scatter',
        data:
          series.target?.value !== null && series.target && series.target.kind !== 'growth'
            ? [at(series.target.year, series.target.value)]
            : [],
        symbol: 'diamond',
        symbolSize: 14,
        color: '#c2410c',
      },
    ],
  };
}

function EvidenceLink({ evidence }: { evidence: Evidence }) {
  const { t } = useLang();
  if (!evidence.document_id) return <span>—</span>;
  return (
    <Link to={`/documents/${evidence.document_id}?line=${evidence.line ?? ''}`}>
      {t(`原文第 ${evidence.line} 行`, `line ${evidence.line}`)}
    </Link>
  );
}

function Components({ status }: { status: Status }) {
  const { t } = useLang();
  const c = status.components as Record<string, unknown> & {
    base?: { year: number; value: number } | null;
    target?: { year: number; value: number | null; raw: string } | null;
    latest?: { year: number; value: number } | null;
    thresholds?: Record<string, number>;
    notes?: string[];
  };
  const num = (v: unknown) => (typeof v === 'number' ? formatNumber(v, 4) : '—');
  const items = [
    {
      key: 'method',
      label: t('计算方法', 'Method'),
      children: t(METHOD_TEXT[String(c.method ?? status.method)] ?? '—', String(c.method ?? status.method)),
    },
    {
      key: 'kind',
      label: t('目标类型', 'Target kind'),
      children: t(
        KIND_TEXT[String(c.kind ?? status.target_kind)] ?? '—',
        String(c.kind ?? status.target_kind),
      ),
    },
    {
      key: 'direction',
      label: t('方向', 'Direction'),
      children:
        c.direction === 'lower' ? t('越低越好', 'lower is better') : t('越高越好', 'higher is better'),
    },
    {
      key: 'base',
      label: t('基期值', 'Base'),
      children: c.base ? `${c.base.year}${t('年', '')} ${num(c.base.value)}` : '—',
    },
    {
      key: 'target',
      label: t('目标', 'Target'),
      children: c.target ? `${c.target.year}${t('年', '')} ${c.target.raw}` : '—',
    },
    {
      key: 'latest',
      label: t('最新值', 'Latest'),
      children: c.latest ? `${c.latest.year}${t('年', '')} ${num(c.latest.value)}` : '—',
    },
    { key: 'expected', label: t('按序时进度应达', 'Expected by now'), children: num(c.expected) },
    { key: 'measured', label: t('实际衡量值', 'Measured'), children: num(c.measured) },
    {
      key: 'ratio',
      label: t('完成进度 r', 'Progress ratio r'),
      children: typeof c.ratio === 'number' ? formatPercent(c.ratio * 100) : '—',
    },
    {
      key: 'elapsed',
      label: t('时间进度', 'Time elapsed'),
      children: typeof c.elapsed === 'number' ? formatPercent(c.elapsed * 100) : '—',
    },
    {
      key: 'thresholds',
      label: t('判定阈值', 'Thresholds'),
      children: c.thresholds
        ? `${t('快于预期', 'ahead')} ≥ ${c.thresholds.ahead}，${t('基本符合', 'on track')} ≥ ${c.thresholds.onTrack}，${t('轻度滞后', 'mild lag')} ≥ ${c.thresholds.mild}`
        : '—',
    },
    ...(c.notes && c.notes.length > 0
      ? [{ key: 'notes', label: t('说明', 'Notes'), children: c.notes.join('；') }]
      : []),
  ];
  return <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered items={items} />;
}

function OverrideForm({ status, onDone }: { status: Status; onDone: () => void }) {
  const { t, lang } = useLang();
  const { message } = AntApp.useApp();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <Form
      layout="inline"
      className="override-form"
      onFinish={async (values: { label: string; reason: string }) => {
        setSaving(true);
        setError(null);
        try {
          await postJson(`/api/statuses/${status.id}/override`, values);
          message.success(
            t('已记录人工判断，计算结果仍保留。', 'Override recorded; the computed label is kept.'),
          );
          onDone();
        } catch (e) {
          setError(e instanceof ApiError ? e.message : String(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      <Form.Item name="label" rules={[{ required: true, message: t('请选择', 'Choose') }]}>
        <Select
          style={{ width: 160 }}
          placeholder={t('调整为', 'Set to')}
          options={LABELS.map((l) => ({ value: l, label: lang === 'zh' ? l : LABEL_EN[l] }))}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        rules={[{ required: true, whitespace: true, message: t('请说明理由', 'Give a reason') }]}
      >
        <Input style={{ width: 260 }} placeholder={t('调整理由（必填）', 'Reason (required)')} />
      </Form.Item>
      <Button htmlType="submit" loading={saving}>
        {t('人工调整', 'Override')}
      </Button>
      {error && <Alert type="error" title={error} showIcon />}
    </Form>
  );
}

function StatusCard({ statuses, reload }: { statuses: Status[]; reload: () => void }) {
  const { t } = useLang();
  const latest = latestPerTarget(statuses);
  if (latest.length === 0) {
    return (
      <Card size="small" title={t('监测状态', 'Status')} className="status-card">
        <Empty
          description={t(
            '该指标未列入规划主要指标表，暂无计算状态。',
            'Not in the plan’s indicator table: no computed status.',
          )}
        />
      </Card>
    );
  }
  return (
    <Card size="small" title={t('监测状态', 'Status')} className="status-card">
      <Space orientation="vertical" style={{ width: '100%' }} size={16}>
        {latest.map((s) => (
          <div key={s.id}>
            <Space wrap>
              <StatusTag label={s.label} lag={s.lag} warning={s.warning} override={s.override} />
              <span className="muted">
                {s.year}
                {t('年', '')} · {t(KIND_TEXT[s.target_kind] ?? '—', s.target_kind)}
              </span>
            </Space>
            <Typography.Paragraph className="status-explanation">{s.explanation}</Typography.Paragraph>
            {s.override && (
              <div className="muted">
                {t('人工调整', 'Override')}：{s.override.label}（{s.override.reason}，
                {s.override.overridden_by}，{formatTime(s.override.overridden_at)}）
              </div>
            )}
            <Collapse
              size="small"
              items={[
                {
                  key: 'how',
                  label: t('如何计算？', 'How was this computed?'),
                  children: <Components status={s} />,
                },
              ]}
            />
            <div style={{ marginTop: 8 }}>
              <OverrideForm status={s} onDone={reload} />
            </div>
          </div>
        ))}
      </Space>
    </Card>
  );
}

interface EvidenceRow {
  key: string;
  what: string;
  year: number | null;
  value: string;
  source: React.ReactNode;
  quote: string | null;
}

function evidenceRows(series: IndicatorSeries, t: (zh: string, en: string) => string): EvidenceRow[] {
  const rows: EvidenceRow[] = [];
  if (series.base)
    rows.push({
      key: 'base',
      what: t('基期值', 'Base'),
      year: series.base.year,
      value: formatQuantity(series.base.value, series.base.unit),
      source: <EvidenceLink evidence={series.base.evidence} />,
      quote: series.base.evidence.quote,
    });
  series.targets.forEach((tg, i) =>
    rows.push({
      key: `target-${i}`,
      what: `${t('目标', 'Target')}${tg.from === 'table' ? t('（指标表）', ' (table)') : t('（正文）', ' (text)')}${tg.aspirational ? t('·力争', ' · aspirational') : ''}`,
      year: tg.year,
      value:
        tg.value === null
          ? tg.raw
          : t(
              targetText(tg, tg.kind, tg.unit),
              `${formatQuantity(tg.value, tg.kind === 'growth' ? '%' : tg.unit)}${tg.kind === 'growth' ? ' (annual growth)' : ''}`,
            ),
      source: <EvidenceLink evidence={tg.evidence} />,
      quote: tg.evidence.quote,
    }),
  );
  for (const o of series.actual) {
    const source =
      o.source.kind === 'document' ? (
        <EvidenceLink evidence={o.source} />
      ) : o.source.kind === 'import' ? (
        <span>
          {t('导入文件', 'Import')} {o.source.import_file}{' '}
          {t(`第 ${o.source.import_row} 行`, `row ${o.source.import_row}`)}
        </span>
      ) : (
        <span>
          {t('人工填报', 'Entered by')} {o.recorded_by}
        </span>
      );
    rows.push({
      key: `obs-${o.id}`,
      what: t('实际值', 'Actual'),
      year: o.year,
      value: formatQuantity(o.value, o.unit),
      source,
      quote: o.source.quote ?? o.note,
    });
  }
  return rows;
}

function Chooser({ plans, planId }: { plans: DocumentSummary[]; planId: number | null }) {
  const { t } = useLang();
  const navigate = useNavigate();
  const { data: rows } = useApi<
    Page<{
      id: number;
      name: string;
      unit: string | null;
      indicator_id: string | null;
      statuses: Array<{ label: string; lag: string | null; warning: string | null }>;
    }>
  >(planId ? '/api/indicators' : null, { document_id: planId ?? undefined, limit: 1000 });
  const { data: targets } = useApi<
    Page<{
      id: number;
      indicator: string;
      indicator_id: string | null;
      value: string;
      unit: string | null;
      year: number | null;
    }>
  >(planId ? '/api/targets' : null, { document_id: planId ?? undefined, limit: 1000 });
  const linked = useMemo(() => {
    const seen = new Map<
      string,
      {
        id: string;
        name: string;
        from: string;
        label?: { label: string; lag: string | null; warning: string | null };
      }
    >();
    for (const r of rows?.items ?? [])
      if (r.indicator_id && !seen.has(r.indicator_id))
        seen.set(r.indicator_id, {
          id: r.indicator_id,
          name: r.name,
          from: t('指标表', 'table'),
          label: r.statuses[0],
        });
    for (const x of targets?.items ?? [])
      if (x.indicator_id && !seen.has(x.indicator_id))
        seen.set(x.indicator_id, { id: x.indicator_id, name: x.indicator, from: t('正文', 'text') });
    return [...seen.values()];
  }, [rows, targets, t]);
  return (
    <Card
      size="small"
      title={t('本规划涉及的指标', 'Indicators of this plan')}
      extra={planId ? <Downloads path="/api/indicators" params={{ document_id: planId }} /> : null}
    >
      {!planId ? (
        <Empty description={t('请先选择规划', 'Choose a plan')} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          dataSource={linked}
          loading={!rows || !targets}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(r) => ({
            onClick: () => navigate(`/indicators/${r.id}?plan=${planId}`),
            style: { cursor: 'pointer' },
          })}
          columns={[
            {
              title: t('指标', 'Indicator'),
              dataIndex: 'name',
              render: (name: string, r) => <Link to={`/indicators/${r.id}?plan=${planId}`}>{name}</Link>,
            },
            { title: t('出处', 'From'), dataIndex: 'from', width: 80 },
            {
              title: t('状态', 'Status'),
              dataIndex: 'label',
              width: 140,
              render: (_: unknown, r) =>
                r.label ? (
                  <StatusTag label={r.label.label} lag={r.label.lag} warning={r.label.warning} />
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
      {plans.length === 0 && <Empty />}
    </Card>
  );
}

export default function IndicatorPage() {
  const { indicatorId } = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const { t } = useLang();
  const { data: plansPage } = useApi<Page<DocumentSummary>>('/api/plans', { limit: 1000 });
  const plans = plansPage?.items ?? [];
  const planId = Number(search.get('plan')) || plans[0]?.id || null;
  const {
    data: series,
    error,
    reload,
  } = useApi<IndicatorSeries>(indicatorId && planId ? '/api/series' : null, {
    indicator_id: indicatorId,
    document_id: planId ?? undefined,
  });
  const [catalog, setCatalog] = useState<CatalogIndicator[]>([]);
  useEffect(() => {
    loadCatalog().then(setCatalog, () => setCatalog([]));
  }, []);
  const option = useMemo(() => (series ? seriesOption(series, t) : null), [series, t]);

  const pickers = (
    <Space wrap className="pickers">
      <Select
        style={{ minWidth: 260, maxWidth: '100%' }}
        aria-label={t('选择规划', 'Plan')}
        value={planId ?? undefined}
        placeholder={t('选择规划', 'Plan')}
        onChange={(v: number) => setSearch({ plan: String(v) })}
        options={plans.map((p) => ({ value: p.id, label: `${p.region ?? ''} · ${p.title ?? p.filename}` }))}
        popupMatchSelectWidth={false}
      />
      <Select
        style={{ minWidth: 240, maxWidth: '100%' }}
        aria-label={t('选择指标', 'Indicator')}
        value={indicatorId}
        placeholder={t('选择指标', 'Indicator')}
        showSearch={{ filterOption: (input, option) => String(option?.search ?? '').includes(input) }}
        onChange={(v: string) => navigate(`/indicators/${v}?plan=${planId ?? ''}`)}
        options={catalogOptions(catalog)}
        popupMatchSelectWidth={false}
      />
    </Space>
  );

  if (!indicatorId) {
    return (
      <div className="page">
        <Typography.Title level={3}>{t('指标监测', 'Indicator monitoring')}</Typography.Title>
        {pickers}
        <Chooser plans={plans} planId={planId} />
      </div>
    );
  }
  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title={t('指标数据加载失败', 'Could not load the indicator')}
        description={error.message}
      />
    );
  if (!series || !option) return <Skeleton active />;
  const unit = series.target?.unit ?? series.base?.unit ?? series.indicator.unit;
  return (
    <div className="page indicator-page">
      <Typography.Title level={3} className="indicator-title">
        {series.indicator.name}
      </Typography.Title>
      <div className="muted">
        <Link to={`/documents/${series.plan.id}`}>{series.plan.title}</Link> · {series.indicator.category}
        {series.row?.attribute ? ` · ${series.row.attribute}` : ''} ·{' '}
        <Link to={`/plans/${series.plan.id}/evaluation`}>{t('规划评估', 'Plan evaluation')}</Link>
      </div>
      {pickers}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card
            size="small"
            title={t('目标与实际', 'Target and actual')}
            extra={
              <Downloads
                path="/api/observations"
                params={{ region_id: series.plan.region_id ?? undefined, indicator_id: series.indicator.id }}
              />
            }
          >
            <Row gutter={8} className="series-facts">
              <Col xs={12} md={6}>
                <div className="muted">{t('基期值', 'Base')}</div>
                <div className="fact">
                  {series.base
                    ? `${formatQuantity(series.base.value, series.base.unit)}（${series.base.year}）`
                    : '—'}
                </div>
              </Col>
              <Col xs={12} md={6}>
                <div className="muted">{t('规划目标', 'Target')}</div>
                <div className="fact">
                  {series.target
                    ? series.target.value === null
                      ? series.target.raw
                      : `${t(targetText(series.target, series.target.kind, series.target.unit ?? unit), formatQuantity(series.target.value, series.target.kind === 'growth' ? '%' : (series.target.unit ?? unit)))}（${series.target.year}）`
                    : '—'}
                </div>
              </Col>
              <Col xs={12} md={6}>
                <div className="muted">{t('隐含年均增速', 'Implied annual growth')}</div>
                <div className="fact">{formatPercent(series.implied_growth)}</div>
              </Col>
              <Col xs={12} md={6}>
                <div className="muted">{t('最新值', 'Latest')}</div>
                <div className="fact">
                  {series.latest
                    ? `${formatQuantity(series.latest.value, series.latest.unit)}（${series.latest.year}）`
                    : '—'}
                </div>
              </Col>
            </Row>
            <Chart
              option={option}
              height={340}
              label={t(
                `${series.indicator.name}：基期、目标、预期路径与实际值`,
                `${series.indicator.name}: base, target, expected path and actual values`,
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <StatusCard statuses={series.statuses} reload={reload} />
        </Col>
      </Row>
      <Card size="small" title={t('每个数据点的来源', 'Evidence for every point')} className="section">
        <Table<EvidenceRow>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={evidenceRows(series, t)}
          scroll={{ x: 600 }}
          columns={[
            { title: t('数据', 'Point'), dataIndex: 'what', width: 140 },
            { title: t('年份', 'Year'), dataIndex: 'year', width: 70 },
            { title: t('数值', 'Value'), dataIndex: 'value', width: 140 },
            { title: t('来源', 'Source'), dataIndex: 'source', width: 160 },
            { title: t('原文', 'Quote'), dataIndex: 'quote', ellipsis: true },
          ]}
        />
      </Card>
    </div>
  );
}
