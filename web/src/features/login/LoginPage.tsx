import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { LOCALES, type Locale } from '../../../../server/api-types.ts';
import { api, ApiError, errorMessage } from '../../api/client.ts';
import { keys } from '../../api/hooks.ts';
import type { MeDto } from '../../api/types.ts';
import { currentLocale } from '../../i18n/hooks.ts';
import { isLocale, LANGUAGE_NAMES, rememberLocale } from '../../i18n/language.ts';

export function LoginPage() {
  const { t } = useTranslation();
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
      const { user } = await api.post<{ user: MeDto }>('/api/auth/login', { email, password }, { quiet401: true });
      // A language picked here is the person's choice, unless their account already has one.
      if (pickedHere && !user.localeChosen && pickedHere !== user.locale) await api.patch('/api/auth/me/preferences', { locale: pickedHere });
      // /me carries the telephony state too; the shell appears when it answers.
      await qc.resetQueries({ queryKey: keys.me });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('login.wrongPassword') : errorMessage(err));
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
        <h1 id="login-title">{t('login.title')}</h1>
        <label className="field">
          <span className="field-label">{t('login.email')}</span>
          <input type="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} data-testid="login-email" />
        </label>
        <label className="field">
          <span className="field-label">{t('login.password')}</span>
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="login-submit">
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <LanguageSwitch />
    </main>
  );
}

/** The language picked on this page during this visit, if any. */
let pickedHere: Locale | null = null;

/** Before login the language is this browser's own choice (kept locally); after it, the person's. */
function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <label className="login-language">
      <span className="sr-only">{t('login.language')}</span>
      <select
        value={currentLocale()}
        onChange={(e) => {
          if (!isLocale(e.target.value)) return;
          pickedHere = e.target.value;
          rememberLocale(e.target.value);
        }}
        aria-label={t('login.language')}
        data-testid="login-language"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
