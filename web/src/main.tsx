// The browser app's entry: language, Ant Design locale and theme, the router.
import { ConfigProvider, App as AntApp } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { LangProvider, useLang } from './i18n';
import { SessionProvider } from './session';
import './styles.css';

function Localized() {
  const { lang } = useLang();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#1d4ed8', borderRadius: 4 } }}
    >
      <AntApp>
        <BrowserRouter>
          <SessionProvider>
            <App />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LangProvider>
      <Localized />
    </LangProvider>
  </StrictMode>,
);
