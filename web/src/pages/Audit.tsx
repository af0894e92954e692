// 审计日志: who did what and when, filtered by person, action and date, with the hash chain's check on top.
import { Alert, Button, DatePicker, Input, Space, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { AuditEntry, AuditVerification, Page } from '../api';
import { Downloads } from '../components/Downloads';
import { formatTime } from '../format';
import { useLang } from '../i18n';
import { useApi } from '../useApi';

const FILTERS = ['actor', 'action', 'since', 'until'] as const;
type FilterName = (typeof FILTERS)[number];
const PAGE_SIZE = 20;

/** The chain check: 完整 in green, or 被改动 in red with every break and the entry it names. */
function ChainCheck() {
  const { t } = useLang();
  const { data, error, reload } = useApi<AuditVerification>('/api/audit/verify');
  if (error) return <Alert type="warning" showIcon title={error.message} />;
  if (!data) return <Alert type="info" showIcon title={t('正在核验哈希链…', 'Checking the hash chain…')} />;
  const again = (
    <Button size="small" onClick={reload}>
      {t('重新核验', 'Check again')}
    </Button>
  );
  if (data.intact)
    return (
      <Alert
        className="audit-verify audit-intact"
        type="success"
        showIcon
        action={again}
        title={t(
          `审计日志完整：共 ${data.entries} 条，哈希链逐条相接，无改动、无删除`,
          `Audit log intact: ${data.entries} entries, each chained to the one before`,
        )}
        description={data.head ? `${t('链头', 'Head')} #${data.head.id} · ${data.head.hash}` : undefined}
      />
    );
  return (
    <Alert
      className="audit-verify audit-broken"
      type="error"
      showIcon
      action={again}
      title={t(
        `审计日志被改动：发现 ${data.breaks.length} 处断裂（现存 ${data.entries} 条）`,
        `Audit log altered: ${data.breaks.length} break(s) in ${data.entries} entries`,
      )}
      description={
        <ul className="audit-breaks">
          {data.breaks.map((b) => (
            <li key={`${b.kind}-${b.id}`}>
              <Tag color="red">
                {b.kind === 'rewritten'
                  ? t('被改写', 'rewritten')
                  : b.kind === 'removed'
                    ? t('有删除', 'removed')
                    : t('尾部被删', 'cut off')}{' '}
                #{b.id}
              </Tag>
              {b.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}

export default function Audit() {
  const { t } = useLang();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page')) || 1;
  const filters: Partial<Record<FilterName, string>> = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  const { data, error } = useApi<Page<AuditEntry>>('/api/audit', {
    ...filters,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const setFilter = (changes: Partial<Record<FilterName, string | null>>) => {
    const next: Record<string, string> = { ...filters } as Record<string, string>;
    for (const [name, value] of Object.entries(changes)) {
      if (value) next[name] = value;
      else delete next[name];
    }
    setParams(next);
  };
  return (
    <div className="page audit-page">
      <Typography.Title level={3}>{t('审计日志', 'Audit log')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t(
          '系统中的每一次入库、填报、调整、更正与审核均逐条留痕，只增不改；每条记录含前一条的哈希值，任何改写或删除都会被核验发现。',
          'Every ingest, entry, override, correction and review is recorded, append-only; each entry carries the hash of the one before, so any rewrite or removal is found.',
        )}
      </Typography.Paragraph>
      <ChainCheck />
      <Space wrap className="section audit-filters">
        <Input.Search
          aria-label={t('操作人', 'Actor')}
          placeholder={t('操作人', 'Actor')}
          defaultValue={filters.actor}
          key={`actor-${filters.actor ?? ''}`}
          allowClear
          onSearch={(value) => setFilter({ actor: value.trim() || null })}
          style={{ width: 180 }}
        />
        <Input.Search
          aria-label={t('操作类型', 'Action')}
          placeholder={t('操作类型，如 observation.create', 'Action, e.g. observation.create')}
          defaultValue={filters.action}
          key={`action-${filters.action ?? ''}`}
          allowClear
          onSearch={(value) => setFilter({ action: value.trim() || null })}
          style={{ width: 260 }}
        />
        <DatePicker.RangePicker
          aria-label={t('日期', 'Date')}
          placeholder={[t('起始日期', 'From'), t('截止日期', 'To')]}
          onChange={(_, [since, until]) => setFilter({ since: since || null, until: until || null })}
        />
        <Downloads path="/api/audit" params={filters} />
      </Space>
      {error && <Alert type="error" showIcon title={error.message} />}
      <Table<AuditEntry>
        className="audit-table"
        size="small"
        rowKey="id"
        loading={!data && !error}
        dataSource={data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => setParams({ ...(filters as Record<string, string>), page: String(p) }),
        }}
        columns={[
          { title: t('序号', 'No.'), dataIndex: 'id', width: 70 },
          { title: t('时间', 'Time'), dataIndex: 'at', width: 170, render: (at: string) => formatTime(at) },
          { title: t('操作人', 'Actor'), dataIndex: 'actor', width: 130 },
          { title: t('操作', 'Action'), dataIndex: 'action', width: 180 },
          {
            title: t('对象', 'Subject'),
            key: 'subject',
            width: 150,
            render: (_: unknown, e) => `${e.entity}${e.entity_id ? ` #${e.entity_id}` : ''}`,
          },
          {
            title: t('内容', 'Detail'),
            dataIndex: 'detail',
            ellipsis: true,
            render: (detail: unknown) => <code className="audit-detail">{JSON.stringify(detail)}</code>,
          },
          {
            title: t('哈希', 'Hash'),
            dataIndex: 'hash',
            width: 110,
            render: (hash: string | null) => <code title={hash ?? ''}>{hash ? hash.slice(0, 10) : '—'}</code>,
          },
        ]}
      />
    </div>
  );
}
