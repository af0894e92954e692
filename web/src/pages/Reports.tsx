// 评估报告: choose a plan, the kind and the year, preview the report as a page and download it as Word.
import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  InputNumber,
  Select,
  Segmented,
  Skeleton,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { apiUrl, type Overview, type ReportQuery } from '../api';
import { useLang } from '../i18n';
import { useApi } from '../useApi';

type Kind = NonNullable<ReportQuery['kind']>;

export default function Reports() {
  const { t } = useLang();
  const [params, setParams] = useSearchParams();
  const { data, error } = useApi<Overview>('/api/overview');
  const planId = Number(params.get('plan')) || data?.plans[0]?.id || null;
  const plan = data?.plans.find((p) => p.id === planId) ?? null;
  const [kind, setKind] = useState<Kind>((params.get('kind') as Kind) || 'annual');
  const [year, setYear] = useState<number | null>(Number(params.get('year')) || null);
  const [preview, setPreview] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  // The year a kind implies for the chosen plan: its middle year, its end year, or the latest reported year.
  useEffect(() => {
    if (!plan || params.get('year')) return;
    const implied =
      kind === 'midterm'
        ? plan.midterm_year
        : kind === 'final'
          ? plan.period_end
          : (plan.latest_year ?? plan.period_start);
    setYear(implied ?? null);
  }, [plan?.id, kind]);

  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title={t('规划列表加载失败', 'Could not load the plans')}
        description={error.message}
      />
    );
  if (!data) return <Skeleton active />;
  if (data.plans.length === 0)
    return (
      <Empty description={t('尚未收录规划纲要，无法生成报告', 'No plan stored yet: nothing to report on')} />
    );
  const url = (format: 'docx' | 'html') =>
    planId && year ? apiUrl(`/api/plans/${planId}/report`, { year, kind, format }) : null;
  return (
    <div className="page reports">
      <Typography.Title level={3}>{t('评估报告', 'Evaluation reports')}</Typography.Title>
      <Card className="section">
        <Space wrap size={16} align="center">
          <Select
            aria-label={t('规划', 'Plan')}
            style={{ minWidth: 320 }}
            value={planId ?? undefined}
            onChange={(id: number) => {
              setParams({ plan: String(id) });
              setPreview(null);
            }}
            options={data.plans.map((p) => ({ value: p.id, label: `${p.region ?? ''} ${p.title ?? ''}` }))}
          />
          <Segmented
            aria-label={t('报告类型', 'Kind')}
            value={kind}
            onChange={(v) => {
              setKind(v as Kind);
              setPreview(null);
            }}
            options={[
              { value: 'annual', label: t('年度监测报告', 'Annual monitoring') },
              { value: 'midterm', label: t('中期评估报告', 'Mid-term evaluation') },
              { value: 'final', label: t('总结评估报告', 'Final evaluation') },
            ]}
          />
          <Space size={4}>
            <span>{t('评估年份', 'Year')}</span>
            <InputNumber
              aria-label={t('评估年份', 'Year')}
              min={1949}
              max={2100}
              value={year}
              onChange={(v) => {
                setYear(v);
                setPreview(null);
              }}
            />
          </Space>
          <Button
            type="primary"
            icon={<EyeOutlined />}
            disabled={!url('html')}
            onClick={() => {
              setLoading(true);
              setPreview(url('html'));
            }}
          >
            {t('生成报告并预览', 'Generate and preview')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={url('docx') ?? undefined}
            disabled={!url('docx')}
            download
          >
            {t('下载 Word 文档', 'Download Word file')}
          </Button>
        </Space>
        <div className="muted" style={{ marginTop: 8 }}>
          {t(
            '报告中的数据均取自系统中已计算的指标状态，每个数据在脚注和附录中注明来源文件及行号。',
            'Every figure comes from the statuses computed in Lantu; footnotes and the appendix give its file and line.',
          )}
        </div>
      </Card>
      {preview && (
        <Card className="section" title={t('报告预览', 'Preview')}>
          <Spin spinning={loading} description={t('正在生成报告……', 'Generating the report…')}>
            <iframe
              title={t('报告预览', 'Report preview')}
              className="report-preview"
              src={preview}
              onLoad={() => setLoading(false)}
              style={{ width: '100%', height: '80vh', border: '1px solid #d9d9d9', background: '#fff' }}
            />
          </Spin>
        </Card>
      )}
    </div>
  );
}
