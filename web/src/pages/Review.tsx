// 检查与审核: the plan linter's findings (each citing both places) and the review queue of figures the linker
// could not tie to the catalog with confidence, resolved with one click.
import { Alert, App as AntApp, Button, Card, Empty, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, postJson, type CatalogIndicator, type Finding, type Page, type ReviewItem } from '../api';
import { catalogOptions, loadCatalog } from '../catalog';
import { Downloads } from '../components/Downloads';
import { useLang } from '../i18n';
import { useApi } from '../useApi';

const SEVERITY: Record<string, [string, string, string]> = {
  error: ['red', '错误', 'Error'],
  warning: ['gold', '警示', 'Warning'],
  info: ['blue', '提示', 'Info'],
};

const REASONS: Record<string, [string, string]> = {
  'no-candidate': ['目录中没有相近指标', 'No similar catalog indicator'],
  'low-confidence': ['匹配置信度低', 'Low-confidence match'],
  ambiguous: ['有多个相近指标', 'Several close matches'],
  'unit-mismatch': ['单位与目录不一致', 'Unit differs from the catalog'],
};

const SUBJECT: Record<string, [string, string]> = {
  row: ['指标表行', 'Table row'],
  target: ['目标', 'Target'],
  achievement: ['已实现数值', 'Reported value'],
};

function Findings() {
  const { t, lang } = useLang();
  const [severity, setSeverity] = useState<string | undefined>();
  const { data, error } = useApi<Page<Finding>>('/api/findings', { severity, limit: 1000 });
  if (error) return <Alert type="error" showIcon title={error.message} />;
  return (
    <Card
      size="small"
      title={t('规划文本一致性检查', 'Plan consistency checks')}
      extra={<Downloads path="/api/findings" params={{ severity }} />}
    >
      <Select
        allowClear
        placeholder={t('全部级别', 'All severities')}
        style={{ width: 160, marginBottom: 12 }}
        value={severity}
        onChange={setSeverity}
        options={Object.entries(SEVERITY).map(([value, [, zh, en]]) => ({
          value,
          label: lang === 'zh' ? zh : en,
        }))}
      />
      <Table<Finding>
        size="small"
        rowKey="id"
        loading={!data}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('级别', 'Severity'),
            dataIndex: 'severity',
            width: 80,
            render: (s: string) => {
              const [color, zh, en] = SEVERITY[s] ?? ['default', s, s];
              return <Tag color={color}>{lang === 'zh' ? zh : en}</Tag>;
            },
          },
          { title: t('问题', 'Finding'), dataIndex: 'message' },
          {
            title: t('出处', 'Where'),
            dataIndex: 'citations',
            width: 240,
            render: (citations: Finding['citations']) => (
              <Space orientation="vertical" size={2}>
                {citations.map((c, i) =>
                  c.document_id ? (
                    <Link key={i} to={`/documents/${c.document_id}?line=${c.line ?? ''}`}>
                      {t(`第 ${c.line} 行`, `line ${c.line}`)}：{(c.quote ?? '').slice(0, 24)}
                    </Link>
                  ) : (
                    <span key={i}>{c.quote}</span>
                  ),
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

function Queue() {
  const { t, lang } = useLang();
  const { message } = AntApp.useApp();
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<string | undefined>();
  const pageSize = 10;
  const { data, error, reload } = useApi<Page<ReviewItem>>('/api/review', {
    state: 'open',
    subject_kind: kind,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const [catalog, setCatalog] = useState<CatalogIndicator[]>([]);
  const [picked, setPicked] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState<number | null>(null);
  useEffect(() => {
    loadCatalog().then(setCatalog, () => setCatalog([]));
  }, []);

  const resolve = async (item: ReviewItem, indicatorId: string | null) => {
    setBusy(item.id);
    try {
      await postJson(`/api/review/${item.id}/resolve`, { indicator_id: indicatorId });
      message.success(
        indicatorId
          ? t('已关联，相关监测数据已重新计算。', 'Linked; monitoring recomputed.')
          : t('已标记为非指标。', 'Dismissed.'),
      );
      reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  if (error) return <Alert type="error" showIcon title={error.message} />;
  return (
    <Card
      size="small"
      title={`${t('待审核', 'Open items')}（${data?.total ?? '…'}）`}
      extra={<Downloads path="/api/review" params={{ state: 'open', subject_kind: kind }} />}
    >
      <Select
        allowClear
        placeholder={t('全部类型', 'All kinds')}
        style={{ width: 160, marginBottom: 12 }}
        value={kind}
        onChange={(v) => {
          setKind(v);
          setPage(1);
        }}
        options={Object.entries(SUBJECT).map(([value, [zh, en]]) => ({
          value,
          label: lang === 'zh' ? zh : en,
        }))}
      />
      {data && data.total === 0 ? (
        <Empty description={t('审核队列已清空', 'Nothing to review')} />
      ) : (
        <Table<ReviewItem>
          size="small"
          rowKey="id"
          loading={!data}
          dataSource={data?.items ?? []}
          scroll={{ x: 760 }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t('原文名称', 'Name as written'),
              dataIndex: 'name',
              render: (name: string, item) => (
                <Space orientation="vertical" size={0}>
                  <span>{name}</span>
                  <span className="muted">
                    {lang === 'zh' ? SUBJECT[item.subject_kind]?.[0] : SUBJECT[item.subject_kind]?.[1]}
                    {item.unit ? ` · ${item.unit}` : ''} ·{' '}
                    <Link to={`/documents/${item.document_id}`}>{t('查看原文', 'source')}</Link>
                  </span>
                </Space>
              ),
            },
            {
              title: t('原因', 'Why'),
              dataIndex: 'reason',
              width: 130,
              render: (r: string) => (lang === 'zh' ? (REASONS[r]?.[0] ?? r) : (REASONS[r]?.[1] ?? r)),
            },
            {
              title: t('一键处理', 'Resolve'),
              key: 'resolve',
              width: 380,
              render: (_: unknown, item) => (
                <Space wrap size={4}>
                  {item.candidates.slice(0, 3).map((c) => (
                    <Button
                      key={c.indicator_id}
                      size="small"
                      loading={busy === item.id}
                      onClick={() => resolve(item, c.indicator_id)}
                    >
                      {t('关联为', 'Link to')} {c.name}
                    </Button>
                  ))}
                  <Select
                    size="small"
                    style={{ width: 170 }}
                    placeholder={t('其他指标…', 'Other…')}
                    showSearch={{
                      filterOption: (input, option) => String(option?.search ?? '').includes(input),
                    }}
                    value={picked[item.id]}
                    onChange={(v: string) => setPicked((p) => ({ ...p, [item.id]: v }))}
                    options={catalogOptions(catalog)}
                    popupMatchSelectWidth={false}
                  />
                  <Button
                    size="small"
                    type="primary"
                    disabled={!picked[item.id]}
                    loading={busy === item.id}
                    onClick={() => resolve(item, picked[item.id] ?? null)}
                  >
                    {t('关联', 'Link')}
                  </Button>
                  <Button size="small" danger loading={busy === item.id} onClick={() => resolve(item, null)}>
                    {t('不是指标', 'Not an indicator')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

export default function Review() {
  const { t } = useLang();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') ?? 'findings';
  return (
    <div className="page">
      <Typography.Title level={3}>{t('检查与审核', 'Checks and review')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearch({ tab: key })}
        destroyOnHidden
        items={[
          { key: 'findings', label: t('规划检查', 'Plan checks'), children: <Findings /> },
          { key: 'queue', label: t('审核队列', 'Review queue'), children: <Queue /> },
        ]}
      />
    </div>
  );
}
