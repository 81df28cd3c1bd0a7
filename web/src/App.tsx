import { useMe } from './api/hooks.ts';
import { LoginPage } from './features/login/LoginPage.tsx';
import { Shell } from './features/shell/Shell.tsx';
import { Toasts } from './components/Toasts.tsx';
import { useScreenLanguage } from './i18n/language.ts';

export function App() {
  const me = useMe();
  // Nothing with words renders before the catalogues of the person's language are in.
  const languageReady = useScreenLanguage(me.data, !me.isPending);
  if (me.isPending || !languageReady) {
    return (
      <div className="boot" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
      </div>
    );
  }
  return (
    <>
      {me.data ? <Shell key={me.data.id} me={me.data} /> : <LoginPage />}
      <Toasts />
    </>
  );
}
