import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, errorMessage } from '../../api/client.ts';
import { keys } from '../../api/hooks.ts';
import type { MeDto } from '../../api/types.ts';

export function LoginPage() {
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post<{ user: MeDto }>('/api/auth/login', { email, password }, { quiet401: true });
      // /me carries the telephony state too; the shell appears when it answers.
      await qc.resetQueries({ queryKey: keys.me });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'Wrong e-mail or password' : errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title" data-testid="login-form">
        <div className="brand brand-lg">
          <span className="brand-mark" aria-hidden="true" />
          Leadline
        </div>
        <h1 id="login-title">Log in</h1>
        <label className="field">
          <span className="field-label">E-mail</span>
          <input type="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Password</span>
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
