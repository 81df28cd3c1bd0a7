import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstantCallbackSettings } from '../../api/types.ts';
import { Field } from '../../components/ui.tsx';

/** What a department starts with (the server's defaults): off, retries after 2, 10 and 60 minutes. */
export const DEFAULT_INSTANT_CALLBACK: InstantCallbackSettings = { enabled: false, retryMinutes: [2, 10, 60] };

/** "2, 10, 60" → [2, 10, 60]; null when a part is not a whole number of minutes. */
function parseMinutes(s: string): number[] | null {
  const parts = s.split(/[\s,;]+/).filter(Boolean);
  const nums = parts.map(Number);
  return nums.every((n) => Number.isInteger(n) && n > 0) ? nums : null;
}

/** Instant callback on the department dialog: on/off and the retry schedule after a busy or unanswered client. */
export function CallbackFields({ value, onChange, errors }: { value: InstantCallbackSettings; onChange: (v: InstantCallbackSettings) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const [retries, setRetries] = useState(value.retryMinutes.join(', '));
  const bad = parseMinutes(retries) === null;
  return (
    <fieldset className="field" data-testid="instant-callback">
      <legend className="field-label">{t('department.instantCallback')}</legend>
      <label className="check check-long">
        <input type="checkbox" checked={value.enabled} onChange={(e) => onChange({ ...value, enabled: e.target.checked })} data-testid="callback-enabled" />
        {t('department.instantCallbackOn')}
      </label>
      <span className="field-hint">{t('department.instantCallbackHint')}</span>
      {value.enabled && (
        <Field label={t('department.retryMinutes')} hint={t('department.retryMinutesHint')} error={bad ? t('department.retryMinutesBad') : errors['instantCallback.retryMinutes']}>
          <input
            value={retries}
            onChange={(e) => {
              setRetries(e.target.value);
              const parsed = parseMinutes(e.target.value);
              if (parsed) onChange({ ...value, retryMinutes: parsed });
            }}
            data-testid="callback-retries"
          />
        </Field>
      )}
    </fieldset>
  );
}
