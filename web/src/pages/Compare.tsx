// 区域对比: one indicator or a set across regions — base, target, implied annual growth, latest value, status —
// as a sortable table and a chart; the regions and the indicators are chosen by the reader.
import { Alert, Card, Empty, Segmented, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { CatalogIndicator, ComparisonRow, DocumentSummary, Page } from '../api';
import { catalogOptions, loadCatalog } from '../catalog';
import { Chart, type ChartOption } from '../components/Chart';
import { Downloads } from '../components/Downloads';
import { StatusTag } from '../components/StatusTag';
import { formatPercent, formatQuantity } from '../format';
import { useLang } from '../i18n';
import { useApi } from '../useApi';
import { targetText } from '../../../src/monitor/wording';

// The one indicator every plan has: a sensible first view before the reader picks others.
const DEFAULT_INDICATOR = 'gdp';

function byNumber(key: keyof ComparisonRow) {
  return (a: ComparisonRow, b: ComparisonRow) =>
    (Number(a[key] ?? -Infinity) || -Infinity) - (Number(b[key] ?? -Infinity) || -Infinity);
}

export default function Compare() {
  const { t } = useLang();
  const [search, setSearch] = useSearchParams();
  const indicators = (search.get('indicator') ?? DEFAULT_INDICATOR).split(',').filter(Boolean);
  const regionIds = (search.get('region') ?? '').split(',').filter(Boolean).map(Number);
  const [catalog, setCatalog] = useState<CatalogIndicator[]>([]);
  useEffect(() => {
    loadCatalog().then(setCatalog, () => setCatalog([]));
  }, []);
  const { data: plans } = useApi<Page<DocumentSummary>>('/api/plans', { limit: 1000 });
  const params = {
    indicator_id: indicators,
    region_id: regionIds.length ? regionIds : undefined,
    limit: 1000,
  };
  const { data, error } = useApi<Page<ComparisonRow>>(indicators.length ? '/api/compare' : null, params);
  const [charted, setCharted] = useState<string | null>(null);
  const chartIndicator = charted && indicators.includes(charted) ? charted : indicators[0];

  const regions = useMemo(() => {
    const seen = new Map<number, string>();
    for (const p of plans?.items ?? [])
      if (p.region_id !== null) seen.set(p.region_id, p.region ?? String(p.region_id));
    return [...seen.entries()].map(([value, label]) => ({ value, label }));
  }, [plans]);

  const update = (next: { indicator?: string[]; region?: number[] }) => {
    const p = new URLSearchParams(search);
    if (next.indicator) p.set('indicator', next.indicator.join(','));
    if (next.region) {
      if (next.region.length) p.set('region', next.region.join(','));
      else p.delete('region');
    }
    setSearch(p);
  };

  const option = useMemo<ChartOption | null>(() => {
    const rows = (data?.items ?? []).filter((r) => r.indicator_id === chartIndicator);
    if (rows.length === 0) return null;
    const unit = rows.find((r) => r.unit)?.unit ?? '';
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? formatQuantity(v, unit) : '—'),
      },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.region ?? '—') },
      yAxis: { type: 'value', name: unit },
      series: [
        { name: t('基期值', 'Base'), type: 'bar', data: rows.map((r) => r.base_value), color: '#94a3b8' },
        {
          name: t('规划目标', 'Target'),
          type: 'bar',
          data: rows.map((r) => (r.target_kind === 'growth' ? null : r.target_value)),
          color: '#c2410c',
        },
        {
          name: t('最新值', 'Latest'),
          type: 'bar',
          data: rows.map((r) => (r.latest_value === null ? null : Number(r.latest_value))),
          color: '#1d4ed8',
        },
      ],
    };
  }, [data, chartIndicator, t]);

  const nameOf = (id: string) => catalog.find((c) => c.id === id)?.name ?? id;

  return (
    <div className="page compare-page">
      <Typography.Title level={3}>{t('区域对比', 'Compare regions')}</Typography.Title>
      <Space wrap className="pickers">
        <Select
          mode="multiple"
          style={{ minWidth: 280, maxWidth: '100%' }}
          aria-label={t('选择指标', 'Indicators')}
          placeholder={t('选择一个或多个指标', 'One or more indicators')}
          value={indicators}
          showSearch={{ filterOption: (input, option) => String(option?.search ?? '').includes(input) }}
          onChange={(v: string[]) => update({ indicator: v })}
          options={catalogOptions(catalog)}
        />
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 220, maxWidth: '100%' }}
          aria-label={t('选择地区', 'Regions')}
          placeholder={t('全部地区', 'All regions')}
          value={regionIds}
          onChange={(v: number[]) => update({ region: v })}
          options={regions}
        />
      </Space>
      {error && <Alert type="error" showIcon title={error.message} />}
      {!data && !error && indicators.length > 0 && <Skeleton active />}
      {indicators.length === 0 && (
        <Empty description={t('请选择要对比的指标', 'Choose indicators to compare')} />
      )}
      {data && (
        <>
          <Card
            size="small"
            className="section"
            title={t('对比表', 'Comparison')}
            extra={
              <Downloads
                path="/api/compare"
                params={{ indicator_id: indicators, region_id: regionIds.length ? regionIds : undefined }}
              />
            }
          >
            <Table<ComparisonRow>
              className="compare-table"
              size="small"
              rowKey={(r) => `${r.plan_id}:${r.indicator_id}`}
              dataSource={data.items}
              pagination={false}
              scroll={{ x: 900 }}
              columns={[
                {
                  title: t('地区', 'Region'),
                  dataIndex: 'region',
                  fixed: 'left',
                  width: 90,
                  sorter: (a, b) => (a.region ?? '').localeCompare(b.region ?? '', 'zh-CN'),
                },
                {
                  title: t('指标', 'Indicator'),
                  dataIndex: 'indicator',
                  width: 160,
                  render: (name: string, r) => (
                    <Space orientation="vertical" size={0}>
                      <Link to={`/indicators/${r.indicator_id}?plan=${r.plan_id}`}>{name}</Link>
                      {!r.listed && <Tag>{t('规划未列出', 'not in plan')}</Tag>}
                    </Space>
                  ),
                },
                {
                  title: t('基期值', 'Base'),
                  dataIndex: 'base_value',
                  width: 110,
                  sorter: byNumber('base_value'),
                  render: (v: number | null, r) =>
                    v === null ? '—' : `${formatQuantity(v, r.unit)}（${r.base_year}）`,
                },
                {
                  title: t('规划目标', 'Target'),
                  dataIndex: 'target_value',
                  width: 150,
                  sorter: byNumber('target_value'),
                  render: (v: number | null, r) =>
                    v === null
                      ? (r.target_text ?? '—')
                      : `${t(targetText({ value: v, raw: '' }, r.target_kind ?? 'level', r.unit), `${formatQuantity(v, r.target_kind === 'growth' ? '%' : r.unit)}${r.target_kind === 'growth' ? ' p.a.' : ''}`)}（${r.target_year}）`,
                },
                {
                  title: t('隐含年均增速', 'Implied annual growth'),
                  dataIndex: 'implied_growth',
                  width: 120,
                  sorter: byNumber('implied_growth'),
                  render: (v: number | null) => formatPercent(v),
                },
                {
                  title: t('最新值', 'Latest'),
                  dataIndex: 'latest_value',
                  width: 120,
                  sorter: byNumber('latest_value'),
                  render: (v: string | null, r) =>
                    v === null ? '—' : `${formatQuantity(v, r.latest_unit)}（${r.latest_year}）`,
                },
                {
                  title: t('状态', 'Status'),
                  dataIndex: 'status',
                  width: 130,
                  render: (s: string | null, r) => (s ? <StatusTag label={s} warning={r.warning} /> : '—'),
                },
                {
                  title: t('原文', 'Source'),
                  dataIndex: 'evidence_line',
                  width: 90,
                  render: (line: number | null, r) =>
                    line ? (
                      <Link to={`/documents/${r.plan_id}?line=${line}`}>
                        {t(`第 ${line} 行`, `line ${line}`)}
                      </Link>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
          </Card>
          <Card
            size="small"
            className="section"
            title={t('对比图', 'Chart')}
            extra={
              indicators.length > 1 && (
                <Segmented
                  size="small"
                  value={chartIndicator}
                  onChange={(v) => setCharted(String(v))}
                  options={indicators.map((id) => ({ value: id, label: nameOf(id) }))}
                />
              )
            }
          >
            {option ? (
              <Chart
                option={option}
                height={300}
                label={t(
                  `${nameOf(chartIndicator ?? '')}各地区对比图`,
                  `${nameOf(chartIndicator ?? '')} across regions`,
                )}
              />
            ) : (
              <Empty />
            )}
          </Card>
        </>
      )}
    </div>
  );
}
