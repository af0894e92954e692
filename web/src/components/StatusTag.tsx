// A status label as a coloured tag: green on track, gold mild lag, red serious lag or a missed bound.
import { Tag, Tooltip } from 'antd';
import { LABEL_EN, useLang } from '../i18n';

const COLORS: Record<string, string> = {
  提前实现: 'green',
  快于预期: 'green',
  基本符合预期: 'cyan',
  达标: 'green',
  未达标: 'red',
  数据缺失: 'default',
  待人工评估: 'purple',
};

export function labelText(label: string, lag?: string | null): string {
  return label === '滞后' && lag ? `${lag}滞后` : label;
}

export function StatusTag({
  label,
  lag,
  warning,
  override,
}: {
  label: string | null;
  lag?: string | null;
  warning?: string | null;
  override?: { label: string; reason: string } | null;
}) {
  const { t, lang } = useLang();
  if (!label) return <Tag>{t('暂无', 'None')}</Tag>;
  const text = labelText(label, lag);
  const color = warning === 'red' ? 'red' : warning === 'yellow' ? 'gold' : (COLORS[label] ?? 'default');
  const shown = lang === 'zh' ? text : (LABEL_EN[text] ?? text);
  if (!override) return <Tag color={color}>{shown}</Tag>;
  const overridden = lang === 'zh' ? override.label : (LABEL_EN[override.label] ?? override.label);
  return (
    <Tooltip title={`${t('人工调整理由', 'Override reason')}：${override.reason}`}>
      <Tag color="blue">{overridden}</Tag>
      <Tag color={color} className="computed-label">
        {t('计算', 'computed')}：{shown}
      </Tag>
    </Tooltip>
  );
}
