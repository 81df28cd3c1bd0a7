import { useMe } from './api/hooks.ts';
import { LoginPage } from './features/login/LoginPage.tsx';
import { Shell } from './features/shell/Shell.tsx';
import { Spinner } from './components/ui.tsx';
import { Toasts } from './components/Toasts.tsx';

export function App() {
  const me = useMe();
  if (me.isPending) {
    return (
      <div className="boot">
        <Spinner />
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
