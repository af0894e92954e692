// The three forms of every table: CSV and XLSX downloads and the JSON twin from the same API address.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { downloadLinks, type Params } from '../api';
import { useLang } from '../i18n';

export function Downloads({ path, params = {} }: { path: string; params?: Params }) {
  const { t } = useLang();
  const links = downloadLinks(path, params);
  return (
    <Space size={4} wrap className="downloads">
      <Button size="small" icon={<DownloadOutlined />} href={links.xlsx}>
        XLSX
      </Button>
      <Button size="small" icon={<DownloadOutlined />} href={links.csv}>
        CSV
      </Button>
      <Button size="small" type="link" href={links.json} target="_blank" rel="noreferrer">
        {t('JSON 接口', 'JSON API')}
      </Button>
    </Space>
  );
}
