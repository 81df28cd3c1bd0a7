import { useTranslation } from 'react-i18next';
import { CLOSING, PIPELINE } from '../api/labels.ts';
import { useLabels } from '../i18n/hooks.ts';

/** The options of every status <select>: the pipeline in order, then the closing reasons. */
export function StatusOptions() {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <>
      <optgroup label={t('statusGroup.pipeline')}>
        {PIPELINE.map((s) => (
          <option key={s} value={s}>
            {labels.status(s)}
          </option>
        ))}
      </optgroup>
      <optgroup label={t('statusGroup.closedAs')}>
        {CLOSING.map((s) => (
          <option key={s} value={s}>
            {labels.status(s)}
          </option>
        ))}
      </optgroup>
    </>
  );
}

/** One option per department, user or site, by name; the value is the id as a string. */
export function NamedOptions({ items }: { items: readonly { id: number; name: string }[] | undefined }) {
  return (
    <>
      {(items ?? []).map((x) => (
        <option key={x.id} value={String(x.id)}>
          {x.name}
        </option>
      ))}
    </>
  );
}
