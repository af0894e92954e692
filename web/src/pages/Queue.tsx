// 导入队列: where the PostgreSQL ingest queue stands (files by state, the last failures, the workers), refreshed.
import { Alert, Card, Col, Empty, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import type { QueueState } from '../api';
import { useLang } from '../i18n';
import { useApi } from '../useApi';

/** How often the panel asks again while it is open. */
const REFRESH_MS = 5000;

export default function QueuePage() {
  const { t } = useLang();
  const { data, error, reload } = useApi<QueueState>('/api/queue');
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const states: Array<[keyof QueueState['counts'], string, string]> = [
    ['queued', '待处理', 'Queued'],
    ['active', '处理中', 'Active'],
    ['failed', '失败', 'Failed'],
    ['done', '已完成', 'Done'],
  ];
  return (
    <div className="page queue-page">
      <Typography.Title level={3}>{t('导入队列', 'Import queue')}</Typography.Title>
      {error && <Alert type="error" showIcon title={error.message} />}
      {data && !data.available && (
        <Alert
          type="info"
          showIcon
          title={t(
            '导入队列需要 PostgreSQL 数据库（DATABASE_URL）；当前为 SQLite，文档在本机进程中直接读取入库。',
            'The import queue needs PostgreSQL (DATABASE_URL); on SQLite documents are read in the ingesting process.',
          )}
        />
      )}
      {data && (
        <>
          <Row gutter={16} className="queue-counts">
            {states.map(([key, zh, en]) => (
              <Col key={key} xs={12} md={5}>
                <Card size="small">
                  <Statistic title={t(zh, en)} value={data.counts[key]} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title={t('待派生地区', 'Regions to derive')} value={data.regions_owed} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('最近失败', 'Last failures')} style={{ marginTop: 16 }}>
            {data.failures.length === 0 ? (
              <Empty description={t('没有失败的文件', 'No failed file')} />
            ) : (
              <Table
                size="small"
                rowKey="sha256"
                pagination={false}
                dataSource={data.failures}
                columns={[
                  { title: t('文件', 'File'), dataIndex: 'file' },
                  { title: t('原因', 'Error'), dataIndex: 'error' },
                  { title: t('尝试次数', 'Tries'), dataIndex: 'attempts', width: 90 },
                  { title: t('时间', 'When'), dataIndex: 'failed_at', width: 200 },
                ]}
              />
            )}
          </Card>
          <Card size="small" title={t('工作进程', 'Workers')} style={{ marginTop: 16 }}>
            {data.workers.length === 0 ? (
              <Empty
                description={t(
                  '最近一小时没有工作进程；运行 lantu worker 开始处理',
                  'No worker in the last hour; run `lantu worker` to start one',
                )}
              />
            ) : (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={data.workers}
                columns={[
                  { title: t('进程', 'Worker'), dataIndex: 'id' },
                  {
                    title: t('状态', 'State'),
                    dataIndex: 'alive',
                    render: (alive: boolean, w) =>
                      alive ? (
                        <Tag color="green">{t('运行中', 'Running')}</Tag>
                      ) : (
                        <Tag>{w.stopped_at ? t('已停止', 'Stopped') : t('失联', 'Lost')}</Tag>
                      ),
                  },
                  { title: t('并发', 'Concurrency'), dataIndex: 'concurrency', width: 90 },
                  { title: t('完成', 'Done'), dataIndex: 'jobs_done', width: 90 },
                  { title: t('失败', 'Failed'), dataIndex: 'jobs_failed', width: 90 },
                  { title: t('最近心跳', 'Last seen'), dataIndex: 'seen_at', width: 200 },
                ]}
              />
            )}
          </Card>
        </>
      )}
    </div>
  );
}
