// 规划评估: a plan's evaluation as GET /api/plans/:id/evaluation gives it — the sentence, the verdicts by label, every
// indicator with base, target, latest, expected value, verdict and road ahead, 正文目标 apart, each row at its source;
// the delegated targets (按上级下达目标) to enter; the previous plan's 总结评估 when the plan carries one.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Segmented,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import {
  apiUrl,
  postJson,
  uploadFile,
  type DelegatedTargets,
  type ImportResult,
  type DocumentSummary,
  type Page,
  type PlanEvaluation,
} from '../api';
import { Chart, type ChartOption } from '../components/Chart';
import { FormDialog } from '../components/FormDialog';
import { StatusTag } from '../components/StatusTag';
import { formatPeriod, formatPercent, formatQuantity } from '../format';
import { LABELS, LABEL_EN, useLang } from '../i18n';
import { useApi } from '../useApi';

type Indicator = PlanEvaluation['indicators'][number];
type Delegated = DelegatedTargets['items'][number];
type Kind = 'annual' | 'midterm' | 'final';
type T = (zh: string, en: string) => string;

/** The year a kind of evaluation looks at: the period's middle year, its end year, or the year asked (else latest). */
function yearOf(kind: Kind, plan: PlanEvaluation['plan'], asked: number | null): number | null {
  const { periodStart: start, periodEnd: end } = plan;
  if (kind === 'midterm')
    return start !== null && end !== null ? start + Math.floor((end - start) / 2) : null;
  if (kind === 'final') return end;
  return asked;
}

/** The reader at a line of a document named by its file name (sources name files; the reader takes ids). */
function SourceLink({
  file,
  line,
  ids,
  children,
}: {
  file: string | null | undefined;
  line: number | null | undefined;
  ids: Map<string, number>;
  children: React.ReactNode;
}) {
  const id = file ? (ids.get(file) ?? (/^\d+$/.test(file) ? Number(file) : undefined)) : undefined;
  if (id === undefined) return <>{children}</>;
  return (
    <Link to={`/documents/${id}${line ? `?line=${line}` : ''}`} className="evidence-link">
      {children}
    </Link>
  );
}

function countsOption(indicators: Indicator[], t: T, lang: string): ChartOption {
  const shown = LABELS.filter((l) => indicators.some((i) => i.verdict.label === l));
  const count = (origin: string, label: string) =>
    indicators.filter((i) => i.origin === origin && i.verdict.label === label).length;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: shown.map((l) => (lang === 'zh' ? l : (LABEL_EN[l] ?? l))) },
    yAxis: { type: 'value', minInterval: 1, name: t('项', 'count') },
    series: [
      { name: t('主要指标', 'Main indicators'), origin: 'table' },
      { name: t('正文目标', 'Targets in the text'), origin: 'text' },
    ].map((s) => ({
      name: s.name,
      type: 'bar',
      stack: 'all',
      label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
      data: shown.map((l) => count(s.origin, l)),
    })),
  };
}

function indicatorColumns(t: T, lang: string, ids: Map<string, number>, planId: number) {
  const unitOf = (i: Indicator) => i.unit ?? '';
  return [
    {
      title: t('指标', 'Indicator'),
      dataIndex: 'name',
      width: 200,
      render: (name: string, i: Indicator) => (
        <Space size={4} wrap>
          {i.indicatorId ? <Link to={`/indicators/${i.indicatorId}?plan=${planId}`}>{name}</Link> : name}
          {i.attribute === '约束性' && (
            <Tag color="red" className="binding-tag">
              {t('约束性', 'binding')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('单位', 'Unit'), dataIndex: 'unit', width: 90, render: (u: string | null) => u ?? '—' },
    {
      title: t('基期值', 'Base'),
      key: 'base',
      width: 110,
      render: (_: unknown, i: Indicator) =>
        i.base ? `${i.base.raw ?? formatQuantity(i.base.value, unitOf(i))}（${i.base.year}）` : '—',
    },
    {
      title: t('规划目标', 'Target'),
      key: 'target',
      width: 160,
      render: (_: unknown, i: Indicator) =>
        i.targets.length === 0 ? '—' : i.targets.map((g) => `${g.text}（${g.year}）`).join('；'),
    },
    {
      title: t('最新值', 'Latest'),
      key: 'latest',
      width: 130,
      render: (_: unknown, i: Indicator) =>
        i.latest ? (
          <SourceLink file={i.latest.source?.doc} line={i.latest.source?.line} ids={ids}>
            {formatQuantity(i.latest.value, unitOf(i))}（{i.latest.year}）
          </SourceLink>
        ) : (
          '—'
        ),
    },
    {
      title: t('按序时进度应达', 'Expected by now'),
      key: 'expected',
      width: 120,
      render: (_: unknown, i: Indicator) =>
        i.expected === null
          ? '—'
          : formatQuantity(i.expected, i.verdict.decidedBy === 'level' ? unitOf(i) : ''),
    },
    {
      title: t('完成进度', 'Progress'),
      key: 'progress',
      width: 90,
      render: (_: unknown, i: Indicator) => (i.progress === null ? '—' : formatPercent(i.progress * 100)),
    },
    {
      title: t('评估结论', 'Verdict'),
      key: 'verdict',
      width: 130,
      render: (_: unknown, i: Indicator) => (
        <span className="verdict" data-label={i.verdict.text}>
          <StatusTag label={i.verdict.label} lag={i.verdict.lag} warning={i.verdict.warning} />
        </span>
      ),
    },
    {
      title: t('距目标尚需', 'Road ahead'),
      key: 'road',
      render: (_: unknown, i: Indicator) =>
        i.roadAhead ? (
          <span className="road-ahead">{i.roadAhead.sentence}</span>
        ) : (
          <span className="muted">{i.review ?? '—'}</span>
        ),
    },
    {
      title: t('出处', 'Source'),
      key: 'source',
      width: 100,
      render: (_: unknown, i: Indicator) =>
        i.evidence.line ? (
          <SourceLink file={i.evidence.document} line={i.evidence.line} ids={ids}>
            {lang === 'zh' ? `第 ${i.evidence.line} 行` : `line ${i.evidence.line}`}
          </SourceLink>
        ) : (
          '—'
        ),
    },
  ];
}

function AssignDialog({ row, onDone }: { row: Delegated | null; onDone: (saved: boolean) => void }) {
  const { t } = useLang();
  return (
    <FormDialog<{ raw: string; source_document: string; note?: string }>
      open={row !== null}
      title={`${t('录入下达目标', 'Enter the assigned target')}：${row?.name ?? ''}`}
      okText={t('保存并重新评估', 'Save and judge again')}
      className="assign-dialog"
      initialValues={{ raw: row?.assigned?.raw ?? '', source_document: row?.assigned?.source_document ?? '' }}
      send={(values) => postJson(`/api/rows/${row!.row_id}/assigned-target`, values)}
      done={t('已保存下达目标，并已重新评估该指标。', 'Saved; the indicator was judged again.')}
      onDone={() => onDone(true)}
    >
      <Form.Item
        name="raw"
        label={t('下达目标值', 'Assigned value')}
        extra={t(
          '按指标表的写法填写，如 5.5以内、〔13.5〕。',
          'As the table would print it: 5.5以内, 〔13.5〕.',
        )}
        rules={[{ required: true, whitespace: true, message: t('请填写目标值', 'Enter the value') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="source_document"
        label={t('下达文件', 'Assigning document')}
        rules={[{ required: true, whitespace: true, message: t('请填写下达文件', 'Name the document') }]}
      >
        <Input placeholder={t('如：洛阳市“十四五”节能减排综合工作方案', 'e.g. the city’s work plan')} />
      </Form.Item>
      <Form.Item name="note" label={t('备注', 'Note')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormDialog>
  );
}

export function DelegatedCard({ planId, onSaved }: { planId: number; onSaved?: () => void }) {
  const { t } = useLang();
  const { data, error, reload } = useApi<DelegatedTargets>(`/api/plans/${planId}/delegated`);
  const [editing, setEditing] = useState<Delegated | null>(null);
  const [imported, setImported] = useState<{ file: File; result: ImportResult } | null>(null);
  const [uploading, setUploading] = useState(false);
  const send = async (file: File, validRowsOnly: boolean) => {
    setUploading(true);
    try {
      const { body } = await uploadFile<ImportResult>(`/api/plans/${planId}/delegated/import`, file, {
        valid_rows_only: validRowsOnly || undefined,
      });
      setImported({ file, result: body });
      if (body.imported > 0) {
        reload();
        onSaved?.();
      }
    } finally {
      setUploading(false);
    }
  };
  return (
    <Card
      size="small"
      className="section delegated-card"
      title={t('按上级下达目标', 'Targets assigned by the higher level')}
      extra={
        <Space size={8}>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={apiUrl(`/api/plans/${planId}/delegated.xlsx`)}
          >
            {t('下载填报表', 'Download the sheet')}
          </Button>
          <Upload
            accept=".xlsx,.csv"
            showUploadList={false}
            beforeUpload={(file) => {
              void send(file, false);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading}>
              {t('导入填报表', 'Import the sheet')}
            </Button>
          </Upload>
        </Space>
      }
    >
      {imported && (
        <Alert
          className="delegated-import"
          style={{ marginBottom: 12 }}
          showIcon
          closable
          onClose={() => setImported(null)}
          type={
            imported.result.errors.length === 0
              ? 'success'
              : imported.result.imported > 0
                ? 'warning'
                : 'error'
          }
          title={
            imported.result.errors.length === 0
              ? t(
                  `已导入 ${imported.result.imported} 项下达目标。`,
                  `Imported ${imported.result.imported} assigned targets.`,
                )
              : t(
                  `${imported.file.name}：${imported.result.errors.length} 处错误，已导入 ${imported.result.imported} 项。`,
                  `${imported.file.name}: ${imported.result.errors.length} errors, ${imported.result.imported} imported.`,
                )
          }
          description={
            imported.result.errors.length > 0 && (
              <ul className="row-errors">
                {imported.result.errors.map((e) => (
                  <li key={`${e.row}-${e.column}`}>
                    {t(`第 ${e.row} 行`, `row ${e.row}`)}
                    {e.column ? `「${e.column}」` : ''}：{e.message}（{t('应为', 'expected')}：{e.expected}）
                  </li>
                ))}
              </ul>
            )
          }
          action={
            imported.result.errors.length > 0 &&
            imported.result.imported === 0 &&
            imported.result.valid > 0 ? (
              <Button size="small" onClick={() => void send(imported.file, true)}>
                {t('只导入无误的行', 'Import valid rows only')}
              </Button>
            ) : undefined
          }
        />
      )}
      {error ? (
        <Alert type="error" showIcon title={error.message} />
      ) : !data ? (
        <Skeleton active />
      ) : data.items.length === 0 ? (
        <Empty
          description={t('本规划没有待上级下达的目标。', 'No target of this plan waits for a higher level.')}
        />
      ) : (
        <Table<Delegated>
          size="small"
          rowKey="row_id"
          pagination={false}
          dataSource={data.items}
          scroll={{ x: 720 }}
          columns={[
            { title: t('指标', 'Indicator'), dataIndex: 'name' },
            { title: t('单位', 'Unit'), dataIndex: 'unit', width: 100, render: (u) => u ?? '—' },
            {
              title: t('规划表述', 'In the plan'),
              dataIndex: 'delegated',
              width: 150,
              render: (d) => d ?? '—',
            },
            {
              title: t('下达目标值', 'Assigned value'),
              key: 'assigned',
              width: 200,
              render: (_: unknown, r) =>
                r.assigned ? (
                  <span className="assigned-value">
                    {r.assigned.raw}
                    <span className="muted">
                      （{r.assigned.source_document}，{r.assigned.entered_by}）
                    </span>
                  </span>
                ) : (
                  <Tag>{t('待录入', 'Not entered')}</Tag>
                ),
            },
            {
              title: t('操作', 'Action'),
              key: 'action',
              width: 110,
              render: (_: unknown, r) => (
                <Button size="small" onClick={() => setEditing(r)}>
                  {r.assigned ? t('修改', 'Change') : t('录入', 'Enter')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <AssignDialog
        row={editing}
        onDone={(saved) => {
          setEditing(null);
          if (saved) {
            reload();
            onSaved?.();
          }
        }}
      />
    </Card>
  );
}

function PreviousReview({ previous, t }: { previous: NonNullable<PlanEvaluation['previous']>; t: T }) {
  type Item = (typeof previous.items)[number];
  return (
    <Card
      size="small"
      className="section previous-review"
      title={previous.caption ?? t('上期规划总结评估', 'Previous plan')}
    >
      <Typography.Paragraph>{previous.sentence}</Typography.Paragraph>
      <Table<Item>
        size="small"
        rowKey="rowId"
        pagination={false}
        dataSource={previous.items}
        scroll={{ x: 640 }}
        columns={[
          { title: t('指标', 'Indicator'), dataIndex: 'name' },
          {
            title: t('规划目标', 'Target'),
            key: 'target',
            render: (_: unknown, i) => i.target ?? i.growthTarget ?? '—',
          },
          {
            title: t('实际完成', 'Actual'),
            key: 'actual',
            render: (_: unknown, i) => i.actual ?? i.actualGrowth ?? '—',
          },
          {
            title: t('完成情况', 'Result'),
            dataIndex: 'result',
            width: 100,
            render: (r: string) => (
              <Tag color={r === '完成' ? 'green' : r === '未完成' ? 'red' : 'default'}>
                {r === '完成'
                  ? t('完成', 'Met')
                  : r === '未完成'
                    ? t('未完成', 'Not met')
                    : t('待核定', 'To confirm')}
              </Tag>
            ),
          },
        ]}
      />
    </Card>
  );
}

export default function Evaluation() {
  const { id } = useParams();
  const planId = Number(id);
  const { t, lang } = useLang();
  const [search, setSearch] = useSearchParams();
  const kind = (
    ['annual', 'midterm', 'final'].includes(search.get('kind') ?? '') ? search.get('kind') : 'annual'
  ) as Kind;
  const asked = Number(search.get('year')) || null;
  // The plan's period first (an evaluation without a year), then the year the kind implies.
  const { data: latest, error: planError } = useApi<PlanEvaluation>(`/api/plans/${planId}/evaluation`);
  const year = latest ? yearOf(kind, latest.plan, asked) : null;
  const {
    data: asOfYear,
    error,
    reload,
  } = useApi<PlanEvaluation>(latest && year !== null ? `/api/plans/${planId}/evaluation` : null, {
    year: year ?? undefined,
  });
  const evaluation = year === null ? latest : asOfYear;
  const { data: documents } = useApi<Page<DocumentSummary>>('/api/documents', { limit: 1000 });
  const ids = useMemo(
    () => new Map((documents?.items ?? []).map((d) => [d.filename, d.id] as const)),
    [documents],
  );
  const option = useMemo(
    () => (evaluation ? countsOption(evaluation.indicators, t, lang) : null),
    [evaluation, t, lang],
  );
  const failed = planError ?? error;
  if (failed)
    return (
      <Alert
        type="error"
        showIcon
        title={t('评估结果加载失败', 'Could not load the evaluation')}
        description={failed.message}
      />
    );
  if (!evaluation || !option) return <Skeleton active />;
  const plan = evaluation.plan;
  const main = evaluation.indicators.filter((i) => i.origin === 'table');
  const text = evaluation.indicators.filter((i) => i.origin === 'text');
  const columns = indicatorColumns(t, lang, ids, planId);
  const set = (next: Record<string, string>) => setSearch({ ...Object.fromEntries(search), ...next });
  return (
    <div className="page evaluation-page">
      <Typography.Title level={3}>{t('规划评估', 'Plan evaluation')}</Typography.Title>
      <div className="muted">
        <Link to={`/documents/${plan.id}`}>{plan.title ?? t('未命名规划', 'Untitled plan')}</Link> ·{' '}
        {plan.region ?? '—'} · {formatPeriod(plan.periodStart, plan.periodEnd)}
      </div>
      <Space wrap size={16} className="pickers" style={{ margin: '12px 0' }}>
        <Segmented
          aria-label={t('评估类型', 'Kind')}
          value={kind}
          onChange={(v) => set({ kind: String(v) })}
          options={[
            { value: 'annual', label: t('年度监测', 'Annual') },
            { value: 'midterm', label: t('中期评估', 'Mid-term') },
            { value: 'final', label: t('总结评估', 'Final') },
          ]}
        />
        {kind === 'annual' && (
          <Space size={4}>
            <span>{t('评估年份', 'Year')}</span>
            <InputNumber
              aria-label={t('评估年份', 'Year')}
              min={1949}
              max={2100}
              value={asked ?? evaluation.asOf}
              onChange={(v) => set({ year: v ? String(v) : '' })}
            />
          </Space>
        )}
        <Link to={`/reports?plan=${plan.id}&kind=${kind}${year ? `&year=${year}` : ''}`}>
          {t('生成评估报告', 'Write the report')}
        </Link>
      </Space>
      <Card size="small" className="section">
        <Typography.Paragraph className="evaluation-sentence" style={{ fontSize: 16 }}>
          {evaluation.sentence}
        </Typography.Paragraph>
        <div className="muted">
          {t('评估截至', 'Judged as of')} {evaluation.asOf ?? '—'}
          {t('年', '')}
          {text.length > 0 &&
            ` · ${t(`另有正文目标 ${text.length} 项，不计入主要指标项数`, `${text.length} more targets from the text, not counted among the main indicators`)}`}
          {' · '}
          {t('一项指标一个结论：', 'One verdict per indicator: ')}
          {evaluation.rule}
        </div>
        <Chart option={option} height={240} label={t('各评估结论的指标项数', 'Indicators by verdict')} />
      </Card>
      <Card size="small" className="section" title={`${t('主要指标', 'Main indicators')}（${main.length}）`}>
        <Table<Indicator>
          size="small"
          className="evaluation-table"
          rowKey={(i) => `row-${i.rowId}`}
          dataSource={main}
          pagination={false}
          scroll={{ x: 1300 }}
          columns={columns}
        />
      </Card>
      <Card
        size="small"
        className="section"
        title={`${t('正文目标', 'Targets in the text')}（${text.length}）`}
      >
        {text.length === 0 ? (
          <Empty
            description={t(
              '规划正文中没有与指标目录关联的量化目标。',
              'No target in the text is linked to the catalog.',
            )}
          />
        ) : (
          <Table<Indicator>
            size="small"
            className="text-target-table"
            rowKey={(i) => `target-${i.targetId}`}
            dataSource={text}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 1300 }}
            columns={columns}
          />
        )}
      </Card>
      <DelegatedCard planId={planId} onSaved={reload} />
      {kind === 'final' && evaluation.previous && <PreviousReview previous={evaluation.previous} t={t} />}
    </div>
  );
}
