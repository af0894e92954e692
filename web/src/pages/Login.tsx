// 登录: sign in with a login name and password; the session cookie is set by the server (HttpOnly).
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useLang } from '../i18n';
import { useSession } from '../session';

export default function Login() {
  const { t } = useLang();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="page login-page">
      <Card style={{ maxWidth: 380, margin: '48px auto' }}>
        <Typography.Title level={4}>{t('登录', 'Sign in')}</Typography.Title>
        <div className="muted" style={{ marginBottom: 16 }}>
          {t(
            '规划实施监测系统仅供规划科、责任单位和审阅人员使用；公众请查看各规划的公开页面。',
            'For planning offices, responsible units and reviewers; the public sees each plan’s public page.',
          )}
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form
          layout="vertical"
          onFinish={async (values: { login: string; password: string }) => {
            setBusy(true);
            setError(null);
            try {
              await signIn(values.login.trim(), values.password);
              navigate('/');
            } catch (e) {
              setError(e instanceof Error ? e.message : String(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item
            label={t('登录名', 'Login name')}
            name="login"
            rules={[{ required: true, message: t('请输入登录名', 'Enter your login name') }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('密码', 'Password')}
            name="password"
            rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('登录', 'Sign in')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
