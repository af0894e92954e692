// 政务公开: a plan's progress for the public — read-only, no login, every table downloadable.
import { Alert, Card, Col, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import type { Overview, Page, Status } from '../api';
import { Downloads } from '../components/Downloads';
import { StatusTag } from '../components/StatusTag';
import { formatPeriod } from '../format';
import { useLang } from '../i18n';
import { useApi } from '../useApi';

export default function Public() {
  const { id } = useParams();
  const { t } = useLang();
  const planId = Number(id);
  const { data: overview, error } = useApi<Overview>('/api/overview');
  const { data: statuses } = useApi<Page<Status>>('/api/statuses', { document_id: planId, limit: 1000 });
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!overview) return <Skeleton active />;
  const plan = overview.plans.find((p) => p.id === planId);
  if (!plan) return <Alert type="warning" showIcon title={t('没有找到该规划。', 'No such plan.')} />;
  return (
    <div className="page public-page">
      <Typography.Title level={3}>{plan.title}</Typography.Title>
      <div className="muted">
        {plan.region} · {t('规划期', 'Period')} {formatPeriod(plan.period_start, plan.period_end)} ·{' '}
        {t('最新数据年份', 'Latest data')} {plan.latest_year ?? '—'}
      </div>
      <Card size="small" className="section">
        <Typography.Paragraph className="plan-sentence" style={{ fontSize: 16, marginBottom: 0 }}>
          {plan.sentence}
        </Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]} className="section">
        {Object.entries(plan.counts).map(([label, n]) => (
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
        extra={<Downloads path="/api/statuses" params={{ document_id: planId }} />}
      >
        <Table<Status>
          size="small"
          rowKey="id"
          loading={!statuses}
          dataSource={statuses?.items ?? []}
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
      <div className="muted public-note">
        {t(
          '本页面向社会公开，数据来源于规划纲要、政府工作报告和统计公报原文，可下载核对。',
          'Public page: every figure comes from published documents and can be downloaded.',
        )}
      </div>
    </div>
  );
}
