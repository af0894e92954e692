// Chinese first, English on request: every text is written as t('中文', 'English') where it is used.
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'zh' | 'en';

interface LangContext {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (zh: string, en: string) => string;
}

const Context = createContext<LangContext>({ lang: 'zh', setLang: () => undefined, t: (zh) => zh });

const STORAGE_KEY = 'lantu.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const value = useMemo<LangContext>(
    () => ({
      lang,
      setLang: (next) => {
        setLangState(next);
        try {
          localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // private mode: the choice lasts for this page only
        }
        document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
      },
      t: (zh, en) => (lang === 'zh' ? zh : en),
    }),
    [lang],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export const useLang = () => useContext(Context);

/** The monitor's status labels in English. */
export const LABEL_EN: Record<string, string> = {
  提前实现: 'Achieved early',
  快于预期: 'Ahead of schedule',
  基本符合预期: 'On track',
  滞后: 'Lagging',
  轻度滞后: 'Slightly lagging',
  严重滞后: 'Seriously lagging',
  逆向滞后: 'Moving away',
  达标: 'Met',
  未达标: 'Not met',
  数据缺失: 'No data',
  待人工评估: 'Awaiting assessment',
};

export const LABELS = [
  '提前实现',
  '快于预期',
  '基本符合预期',
  '滞后',
  '达标',
  '未达标',
  '数据缺失',
  '待人工评估',
] as const;
