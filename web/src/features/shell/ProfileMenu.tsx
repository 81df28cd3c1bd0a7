import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { LOCALES, type Locale } from '../../../../server/api-types.ts';
import { api, errorMessage } from '../../api/client.ts';
import { keys, useLogout } from '../../api/hooks.ts';
import type { Me } from '../../api/types.ts';
import { clearUnseen } from '../../realtime/attention.ts';
import { toast } from '../../components/toast.ts';
import { useLabels } from '../../i18n/hooks.ts';
import { installLocale, LANGUAGE_NAMES } from '../../i18n/language.ts';
import { useOutsideClick } from '../../lib/outside-click.ts';

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

/** The person's own language, stored on their account; null goes back to the install's default. */
function useChangeLocale() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (locale: Locale | null) => api.patch<{ user: Me }>('/api/auth/me/preferences', { locale }),
    // The screens switch at once (no reload); a refusal switches them back.
    onMutate: (locale) => {
      const before = qc.getQueryData<Me | null>(keys.me);
      const installDefault = installLocale.get() ?? (before && !before.localeChosen ? before.locale : 'ru');
      qc.setQueryData<Me | null>(keys.me, (m) => (m ? { ...m, locale: locale ?? installDefault, localeChosen: locale !== null } : m));
      return before;
    },
    onSuccess: (r) => qc.setQueryData(keys.me, r.user),
    onError: (err, _locale, before) => {
      if (before !== undefined) qc.setQueryData(keys.me, before);
      toast(errorMessage(err), 'error');
    },
  });
}

/** Who is logged in, their language and the way out. */
export function ProfileMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const change = useChangeLocale();
  const logout = useLogout();
  const chosen = me.localeChosen ? me.locale : 'default';
  const installDefault = installLocale.get() ?? (me.localeChosen ? null : me.locale);

  useOutsideClick(box, open, () => setOpen(false));

  const choose = (value: Locale | 'default') => {
    if (value !== chosen) change.mutate(value === 'default' ? null : value);
  };

  return (
    <div className="popover-anchor" ref={box}>
      <button
        ref={button}
        type="button"
        className="user-chip"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen((o) => !o)}
        data-testid="current-user"
      >
        <span className="avatar" aria-hidden="true">
          {initials(me.name)}
        </span>
        <span className="user-name">
          {me.name}
          <span className="muted small user-role"> · {labels.role(me.role)}</span>
        </span>
        <span className="chevron" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div
          className="popover profile-menu"
          role="dialog"
          aria-label={t('profile.menu')}
          data-testid="profile-menu"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              setOpen(false);
              button.current?.focus();
            }
          }}
        >
          <div className="profile-who">
            <strong>{me.name}</strong>
            <span className="muted small">{labels.role(me.role)}</span>
            <span className="muted small ellipsis">{me.email}</span>
          </div>
          <fieldset className="profile-languages">
            <legend className="field-label">{t('profile.language')}</legend>
            {LOCALES.map((l) => (
              <label key={l} className="radio" lang={l}>
                <input type="radio" name="locale" value={l} checked={chosen === l} onChange={() => choose(l)} data-testid={`locale-${l}`} />
                {LANGUAGE_NAMES[l]}
              </label>
            ))}
            <label className="radio">
              <input type="radio" name="locale" value="default" checked={chosen === 'default'} onChange={() => choose('default')} data-testid="locale-default" />
              {installDefault ? t('profile.languageDefault', { language: LANGUAGE_NAMES[installDefault] }) : t('common.default')}
            </label>
          </fieldset>
          <button
            type="button"
            className="btn btn-sm btn-block"
            onClick={() => {
              clearUnseen();
              logout.mutate();
            }}
            data-testid="logout"
          >
            {t('profile.logout')}
          </button>
        </div>
      )}
    </div>
  );
}
