// A person's entry's state on its way to publication (填报 → 审核 → 发布) as a tag; a returned one shows its reason.
import { Tag, Tooltip } from 'antd';
import type { ApprovalRef, ApprovalState } from '../api';
import { useLang } from '../i18n';

export const APPROVAL_STATES: Record<ApprovalState, { zh: string; en: string; color: string }> = {
  entered: { zh: '待审核', en: 'Awaiting review', color: 'gold' },
  returned: { zh: '已退回', en: 'Returned', color: 'red' },
  approved: { zh: '已审核', en: 'Approved', color: 'blue' },
  published: { zh: '已发布', en: 'Published', color: 'green' },
};

export function ApprovalTag({ approval }: { approval: Pick<ApprovalRef, 'state' | 'return_reason'> | null }) {
  const { t } = useLang();
  if (!approval) return null;
  const shown = APPROVAL_STATES[approval.state];
  const tag = (
    <Tag color={shown.color} className={`approval-${approval.state}`}>
      {t(shown.zh, shown.en)}
    </Tag>
  );
  if (!approval.return_reason) return tag;
  return <Tooltip title={`${t('退回理由', 'Reason returned')}：${approval.return_reason}`}>{tag}</Tooltip>;
}
