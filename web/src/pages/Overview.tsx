// 总览: every plan with its status counts as one sentence, red and yellow warnings first, the latest year reported.
import { Alert, Badge, Card, Col, Empty, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Task } from '../../../src/ledger';
import type { Overview as OverviewData, PlanOverview, Status } from '../api';
import { Downloads } from '../components/Downloads';
import { StatusTag } from '../components/StatusTag';
import { formatPeriod } from '../format';
import { useLang } from '../i18n';
import { useApi } from '../useApi';

function PlanCard({ plan }: { plan: PlanOverview }) {
  const { t } = useLang();
  return (
    <Card
      className="plan-card"
      data-plan={plan.id}
      title={
        <Link to={`/documents/${plan.id}`} className="plan-title">
          {plan.title ?? t('未命名规划', 'Untitled plan')}
        </Link>
      }
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <div className="muted">
          {plan.region ?? '—'} · {formatPeriod(plan.period_start, plan.period_end)} ·{' '}
          {t('中期评估', 'Mid-term')} {plan.midterm_year ?? '—'}
          {t('年', '')}
        </div>
        <Typography.Paragraph className="plan-sentence" style={{ marginBottom: 0 }}>
          {plan.sentence}
        </Typography.Paragraph>
        <Space wrap size={12}>
          <Badge color="red" text={`${t('红色预警', 'Red')} ${plan.red}`} />
          <Badge color="gold" text={`${t('黄色预警', 'Yellow')} ${plan.yellow}`} />
          <span className="muted">
            {t('最新数据年份', 'Latest data')}：{plan.latest_year ?? t('暂无', 'none')}
          </span>
        </Space>
        <Space wrap size={12}>
          <Link to={`/documents/${plan.id}`}>{t('阅读规划文本', 'Read the plan')}</Link>
          <Link to={`/indicators?plan=${plan.id}`}>{t('主要指标', 'Indicators')}</Link>
          <Link to={`/plans/${plan.id}/evaluation`}>{t('规划评估', 'Plan evaluation')}</Link>
          <Link to={`/public/plans/${plan.id}`}>{t('公开页面', 'Public page')}</Link>
          <Link to={`/reports?plan=${plan.id}`}>{t('生成报告', 'Generate report')}</Link>
        </Space>
      </Space>
    </Card>
  );
}

export function Overview() {
  const { t } = useLang();
  const { data, error } = useApi<OverviewData>('/api/overview');
  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title={t('总览加载失败', 'Could not load the overview')}
        description={error.message}
      />
    );
  if (!data) return <Skeleton active />;
  const warnings: Status[] = data.warnings;
  return (
    <div className="page">
      <Typography.Title level={3}>{t('规划实施总览', 'Plan implementation overview')}</Typography.Title>
      <Row gutter={[16, 16]} className="stats">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('规划纲要', 'Plans')} value={data.plans.length} suffix={t('部', '')} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('涉及地区', 'Regions')} value={data.regions} suffix={t('个', '')} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('收录文件', 'Documents')} value={data.documents} suffix={t('份', '')} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('最新数据年份', 'Latest reported year')}
              value={data.latest_year ?? '—'}
              groupSeparator=""
            />
          </Card>
        </Col>
      </Row>

      <Card
        className="section warnings"
        title={`${t('预警', 'Warnings')}（${t('红色', 'red')} ${warnings.filter((w) => w.warning === 'red').length} · ${t('黄色', 'yellow')} ${warnings.filter((w) => w.warning === 'yellow').length}）`}
        extra={<Downloads path="/api/warnings" />}
      >
        {warnings.length === 0 ? (
          <Empty description={t('目前没有红色或黄色预警', 'No red or yellow warnings')} />
        ) : (
          <Table<Status>
            size="small"
            rowKey="id"
            dataSource={warnings}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: 640 }}
            columns={[
              {
                title: t('预警', 'Warning'),
                dataIndex: 'warning',
                width: 80,
                render: (w: string) => (
                  <Badge
                    color={w === 'red' ? 'red' : 'gold'}
                    text={w === 'red' ? t('红色', 'Red') : t('黄色', 'Yellow')}
                  />
                ),
              },
              {
                title: t('指标', 'Indicator'),
                dataIndex: 'name',
                render: (name: string, s) =>
                  s.indicator_id ? (
                    <Link to={`/indicators/${s.indicator_id}?plan=${s.document_id}`}>{name}</Link>
                  ) : (
                    name
                  ),
              },
              { title: t('地区', 'Region'), dataIndex: 'region', width: 90 },
              {
                title: t('状态', 'Status'),
                dataIndex: 'label',
                width: 140,
                render: (_: string, s) => (
                  <StatusTag label={s.label} lag={s.lag} warning={s.warning} override={s.override} />
                ),
              },
              { title: t('说明', 'Explanation'), dataIndex: 'explanation', ellipsis: true },
            ]}
          />
        )}
      </Card>

      {data.overdue_tasks.total > 0 && (
        <Card
          className="section overdue-warnings"
          title={`${t('逾期任务', 'Overdue tasks')}（${data.overdue_tasks.total}）`}
          extra={<Link to="/ledger">{t('查看任务台账', 'Open the ledger')}</Link>}
        >
          <Table<Task>
            size="small"
            rowKey="id"
            dataSource={data.overdue_tasks.items}
            pagination={false}
            scroll={{ x: 560 }}
            columns={[
              { title: t('任务', 'Task'), dataIndex: 'title' },
              { title: t('牵头单位', 'Lead unit'), dataIndex: 'lead_unit', width: 160 },
              { title: t('完成时限', 'Deadline'), dataIndex: 'due_date', width: 110 },
              {
                title: t('逾期', 'Overdue'),
                dataIndex: 'overdue',
                width: 110,
                render: (o: string) => <Badge color="red" text={o} />,
              },
            ]}
          />
        </Card>
      )}

      <Typography.Title level={4} className="section-title">
        {t('各地规划', 'Plans by region')}
      </Typography.Title>
      {data.plans.length === 0 ? (
        <Empty
          description={t(
            '尚未导入规划纲要。可通过接口上传文件，或以 --load-corpus 启动。',
            'No plans yet: upload documents or start with --load-corpus.',
          )}
        />
      ) : (
        <Row gutter={[16, 16]}>
          {data.plans.map((plan) => (
            <Col key={plan.id} xs={24} lg={12}>
              <PlanCard plan={plan} />
            </Col>
          ))}
        </Row>
      )}
      <div className="table-foot">
        <span className="muted">{t('规划清单下载', 'Plans')}：</span>
        <Downloads path="/api/plans" />
      </div>
    </div>
  );
}
