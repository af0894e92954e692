// 政务公开: a plan's progress for the public — read-only, no login, only what was published (the statuses as judged
// when the year was published, and published values), with the date of publication.
import { Alert, Card, Col, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import type { PublicPlan, Status } from '../api';
import { Downloads } from '../components/Downloads';
import { StatusTag, labelText } from '../components/StatusTag';
import { formatPeriod } from '../format';
import { useLang } from '../i18n';
import { useApi } from '../useApi';

/** How many indicators carry each label (an override, once approved, counts as its label). */
function countLabels(statuses: readonly Status[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const s of statuses) {
    const label = s.override?.label ?? labelText(s.label, null);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts.entries()];
}

export default function Public() {
  const { id } = useParams();
  const { t } = useLang();
  const planId = Number(id);
  const { data, error } = useApi<PublicPlan>(`/api/public/plans/${planId}`);
  if (error)
    return (
      <Alert
        type={error.message.includes('does not exist') ? 'warning' : 'error'}
        showIcon
        title={
          error.message.includes('does not exist') ? t('没有找到该规划。', 'No such plan.') : error.message
        }
      />
    );
  if (!data) return <Skeleton active />;
  const { plan, publication, statuses } = data;
  return (
    <div className="page public-page">
      <Typography.Title level={3}>{plan.title}</Typography.Title>
      <div className="muted">
        {plan.region} · {t('规划期', 'Period')} {formatPeriod(plan.period_start, plan.period_end)}
        {publication && (
          <>
            {' '}
            · {t('公开年度', 'Year published')} {publication.year}
          </>
        )}
      </div>
      {publication ? (
        <Alert
          className="section publication-date"
          type="info"
          showIcon
          title={t(
            `数据发布于 ${publication.published_at.slice(0, 10)}（${publication.year} 年度）`,
            `Data published on ${publication.published_at.slice(0, 10)} (year ${publication.year})`,
          )}
        />
      ) : (
        <Alert
          className="section not-published"
          type="warning"
          showIcon
          title={t(
            '尚未发布：本规划的监测数据经审核发布后在此公开。',
            'Not yet published: the monitoring data appear here once reviewed and published.',
          )}
        />
      )}
      {publication && (
        <>
          <Row gutter={[16, 16]} className="section">
            {countLabels(statuses).map(([label, n]) => (
              <Col key={label} xs={12} md={6}>
                <Card size="small">
                  <Statistic title={<StatusTag label={label} />} value={n} suffix={t('项', '')} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card
            size="small"
            className="section"
            title={t('主要指标完成情况', 'Main indicators')}
            extra={
              plan.region_id !== null ? (
                <Downloads path="/api/public/observations" params={{ region_id: plan.region_id }} />
              ) : null
            }
          >
            <Table<Status>
              size="small"
              rowKey="id"
              className="public-statuses"
              dataSource={statuses}
              pagination={false}
              scroll={{ x: 600 }}
              columns={[
                { title: t('指标', 'Indicator'), dataIndex: 'name' },
                { title: t('单位', 'Unit'), dataIndex: 'unit', width: 80 },
                { title: t('属性', 'Attribute'), dataIndex: 'attribute', width: 80 },
                { title: t('年份', 'Year'), dataIndex: 'year', width: 70 },
                {
                  title: t('完成情况', 'Status'),
                  dataIndex: 'label',
                  width: 140,
                  render: (_: string, s) => (
                    <StatusTag label={s.label} lag={s.lag} warning={s.warning} override={s.override} />
                  ),
                },
                { title: t('说明', 'Explanation'), dataIndex: 'explanation' },
              ]}
            />
          </Card>
        </>
      )}
      <div className="muted public-note">
        {t(
          '本页面向社会公开，仅显示经审核发布的数据；数据来源于规划纲要、政府工作报告和统计公报原文，可下载核对。',
          'Public page: only reviewed and published data; every figure comes from published documents and can be downloaded.',
        )}
      </div>
    </div>
  );
}
