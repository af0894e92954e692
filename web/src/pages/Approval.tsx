// 审核发布: people's entries (values, overrides, corrections) waiting for review, approved or returned with a
// reason, and a plan-year published with a confirm dialog that says what will be published and that it locks the year.
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  ApiError,
  getJson,
  postJson,
  type Approval,
  type ApprovalState,
  type DocumentSummary,
  type Page,
  type Publication,
  type PublicationSummary,
  type PublishPreview,
} from '../api';
import { APPROVAL_STATES, ApprovalTag } from '../components/ApprovalTag';
import { formatPeriod, formatTime } from '../format';
import { useLang } from '../i18n';
import { useApi } from '../useApi';

const KINDS: Record<Approval['kind'], [string, string]> = {
  observation: ['数据', 'Value'],
  override: ['评价调整', 'Override'],
  correction: ['数据更正', 'Correction'],
};

/** The server's refusals in Chinese (rules as data; anything else is shown as the server wrote it). */
const ERROR_TEXT: Array<[RegExp, string]> = [
  [
    /^两人原则: (.*) entered entry (\d+) and may not approve it$/,
    '两人原则：第 $2 条由 $1 填报，须由其他审核人审核',
  ],
  [/^entry (\d+) is (\S+) \(\w+\), not waiting for review$/, '第 $1 条$2，不在待审核状态'],
  [
    /is already published \(publication \d+\) and nothing new is approved$/,
    '该年度已发布，且没有新的已审核数据',
  ],
];

function errorText(message: string, lang: 'zh' | 'en'): string {
  if (lang === 'en') return message;
  for (const [pattern, zh] of ERROR_TEXT) if (pattern.test(message)) return message.replace(pattern, zh);
  return message;
}

export default function ApprovalPage() {
  const { t, lang } = useLang();
  const { message, modal } = AntApp.useApp();
  const { data: plans } = useApi<Page<DocumentSummary>>('/api/plans', { limit: 1000 });
  const [params] = useSearchParams();
  const [planId, setPlanId] = useState<number | undefined>(Number(params.get('plan')) || undefined);
  const plan = plans?.items.find((p) => p.id === planId) ?? plans?.items[0];
  const [year, setYear] = useState<number | undefined>();
  const [state, setState] = useState<ApprovalState | undefined>('entered');
  const {
    data: queue,
    error,
    reload,
  } = useApi<Page<Approval>>(plan ? '/api/approvals' : null, {
    plan_id: plan?.id,
    year,
    state,
    limit: 1000,
  });
  const { data: publications, reload: reloadPublications } = useApi<{ items: PublicationSummary[] }>(
    plan ? `/api/plans/${plan.id}/publications` : null,
  );
  const [selected, setSelected] = useState<number[]>([]);
  const [returning, setReturning] = useState<number[] | null>(null);
  const [reason, setReason] = useState('');
  const [publishYear, setPublishYear] = useState<number | undefined>();
  useEffect(() => setSelected([]), [queue]);
  const defaultYear = useMemo(() => {
    const now = new Date().getFullYear() - 1;
    if (!plan?.period_start || !plan.period_end) return now;
    return Math.min(Math.max(now, plan.period_start), plan.period_end);
  }, [plan]);

  const fail = (e: unknown) =>
    message.error(e instanceof ApiError ? errorText(e.message, lang) : String(e), 6);

  const approve = async (ids: number[]) => {
    try {
      await postJson('/api/approvals/approve', { ids });
      message.success(t(`已审核 ${ids.length} 条。`, `Approved ${ids.length}.`));
      reload();
    } catch (e) {
      fail(e);
    }
  };

  const sendBack = async () => {
    if (!returning || !reason.trim()) return;
    try {
      await postJson('/api/approvals/return', { ids: returning, reason: reason.trim() });
      message.success(t(`已退回 ${returning.length} 条。`, `Returned ${returning.length}.`));
      setReturning(null);
      setReason('');
      reload();
    } catch (e) {
      fail(e);
    }
  };

  const publish = async () => {
    if (!plan) return;
    const y = publishYear ?? defaultYear;
    let preview: PublishPreview;
    try {
      preview = await getJson<PublishPreview>(`/api/plans/${plan.id}/publish`, { year: y });
    } catch (e) {
      fail(e);
      return;
    }
    modal.confirm({
      title: t(`发布${plan.region ?? ''} ${y} 年度监测数据`, `Publish ${y} of ${plan.region ?? 'the plan'}`),
      className: 'publish-confirm',
      okText: t('确认发布', 'Publish'),
      cancelText: t('取消', 'Cancel'),
      width: 560,
      content: (
        <div>
          <p>
            {t(
              `将发布 ${preview.entries.length} 条已审核数据，并以当前评价结果公开 ${preview.statuses} 项指标的完成情况。`,
              `${preview.entries.length} approved entries and the current judgement of ${preview.statuses} indicators will be published.`,
            )}
          </p>
          {preview.entries.length > 0 && (
            <ul className="publish-list">
              {preview.entries.slice(0, 10).map((a) => (
                <li key={a.id}>{a.summary}</li>
              ))}
              {preview.entries.length > 10 && <li>…</li>}
            </ul>
          )}
          {preview.pending > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t(
                `另有 ${preview.pending} 条待审核或已退回的数据不在本次发布之列。`,
                `${preview.pending} entries awaiting review or returned are not published.`,
              )}
            />
          )}
          <p className="muted" style={{ marginTop: 8 }}>
            {preview.published
              ? t(
                  `该年度已于 ${formatTime(preview.published)} 发布过，本次发布其修订。`,
                  `This year was published on ${formatTime(preview.published)}; this publishes its revisions.`,
                )
              : t(
                  '发布后该年度数据即锁定，修改须提交修订并重新审核、发布。',
                  'Once published the year is locked: a change needs a revision, reviewed and published again.',
                )}
          </p>
        </div>
      ),
      onOk: async () => {
        try {
          const done = await postJson<Publication>(`/api/plans/${plan.id}/publish`, { year: y });
          message.success(t(`${y} 年度已发布。`, `${y} published.`));
          reloadPublications();
          reload();
          return done;
        } catch (e) {
          fail(e);
          return undefined;
        }
      },
    });
  };

  if (error) return <Alert type="error" showIcon title={error.message} />;
  return (
    <div className="page approval-page">
      <Typography.Title level={3}>{t('审核发布', 'Approval')}</Typography.Title>
      <Space wrap className="pickers">
        <Select
          style={{ width: 280 }}
          aria-label={t('选择规划', 'Plan')}
          value={plan?.id}
          onChange={setPlanId}
          options={(plans?.items ?? []).map((p) => ({
            value: p.id,
            label: `${p.region ?? ''} ${p.title ?? p.filename}`,
          }))}
          placeholder={t('选择规划', 'Plan')}
        />
        <InputNumber
          aria-label={t('年份', 'Year')}
          placeholder={t('全部年份', 'All years')}
          min={1949}
          max={2100}
          value={year}
          onChange={(v) => setYear(v ?? undefined)}
        />
        <Select
          allowClear
          style={{ width: 140 }}
          aria-label={t('审核状态', 'State')}
          placeholder={t('全部状态', 'All states')}
          value={state}
          onChange={setState}
          options={Object.entries(APPROVAL_STATES).map(([value, s]) => ({
            value,
            label: t(s.zh, s.en),
          }))}
        />
      </Space>

      <Card
        size="small"
        className="section"
        title={`${t('审核队列', 'Review queue')}（${queue?.total ?? '…'}）`}
        extra={
          <Space>
            <Button
              size="small"
              type="primary"
              disabled={selected.length === 0}
              onClick={() => void approve(selected)}
            >
              {t('审核通过所选', 'Approve selected')}
            </Button>
            <Button
              size="small"
              danger
              disabled={selected.length === 0}
              onClick={() => setReturning(selected)}
            >
              {t('退回所选', 'Return selected')}
            </Button>
          </Space>
        }
      >
        <Table<Approval>
          size="small"
          rowKey="id"
          className="approval-queue"
          loading={!queue && !!plan}
          dataSource={queue?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys.map(Number)),
            getCheckboxProps: (a) => ({ disabled: a.state !== 'entered' }),
          }}
          columns={[
            {
              title: t('类别', 'Kind'),
              dataIndex: 'kind',
              width: 90,
              render: (k: Approval['kind']) => t(...KINDS[k]),
            },
            {
              title: t('年份', 'Year'),
              dataIndex: 'year',
              width: 70,
              render: (y: number | null) => y ?? '—',
            },
            { title: t('内容', 'Entry'), dataIndex: 'summary' },
            {
              title: t('填报人', 'Entered by'),
              key: 'entered',
              width: 150,
              render: (_: unknown, a) => (
                <span>
                  {a.entered_by}
                  <div className="muted">{formatTime(a.entered_at)}</div>
                </span>
              ),
            },
            {
              title: t('状态', 'State'),
              key: 'state',
              width: 170,
              render: (_: unknown, a) => (
                <span>
                  <ApprovalTag approval={a} />
                  {a.revises !== null && (
                    <div className="muted">
                      {t('修订', 'Revision')}：{a.revision_reason}
                    </div>
                  )}
                  {a.reviewed_by && (
                    <div className="muted">
                      {t('审核', 'Reviewed')} {a.reviewed_by} {formatTime(a.reviewed_at)}
                    </div>
                  )}
                </span>
              ),
            },
            {
              title: '',
              key: 'actions',
              width: 140,
              render: (_: unknown, a) =>
                a.state === 'entered' ? (
                  <Space size={4}>
                    <Button size="small" type="link" onClick={() => void approve([a.id])}>
                      {t('通过', 'Approve')}
                    </Button>
                    <Button size="small" type="link" danger onClick={() => setReturning([a.id])}>
                      {t('退回', 'Return')}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>

      <Card size="small" className="section" title={t('年度发布', 'Publish a year')}>
        {plan && (
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('规划', 'Plan')}>
              {plan.title ?? plan.filename}（{formatPeriod(plan.period_start, plan.period_end)}）
            </Descriptions.Item>
            <Descriptions.Item label={t('已发布', 'Published')}>
              {publications?.items.length
                ? publications.items
                    .map((p) => `${p.year}${t('年', '')}（${formatTime(p.published_at)}，${p.published_by}）`)
                    .join('；')
                : t('尚未发布', 'Nothing published yet')}
            </Descriptions.Item>
          </Descriptions>
        )}
        <Space>
          <InputNumber
            aria-label={t('发布年份', 'Year to publish')}
            min={1949}
            max={2100}
            value={publishYear ?? defaultYear}
            onChange={(v) => setPublishYear(v ?? undefined)}
          />
          <Button type="primary" className="publish-year" disabled={!plan} onClick={() => void publish()}>
            {t('发布该年度', 'Publish the year')}
          </Button>
        </Space>
      </Card>

      <Modal
        open={returning !== null}
        title={t(`退回 ${returning?.length ?? 0} 条数据`, `Return ${returning?.length ?? 0} entries`)}
        okText={t('退回', 'Return')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        onOk={() => void sendBack()}
        onCancel={() => setReturning(null)}
      >
        <Input.TextArea
          rows={3}
          aria-label={t('退回理由', 'Reason')}
          placeholder={t('退回理由，如：与统计公报数不符', 'Reason, e.g. differs from the bulletin')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </div>
  );
}
