import { CLOSING, PIPELINE, STATUS_LABEL } from '../api/labels.ts';

/** The options of every status <select>: the pipeline in order, then the closing reasons. */
export function StatusOptions() {
  return (
    <>
      <optgroup label="Pipeline">
        {PIPELINE.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABEL[s]}
          </option>
        ))}
      </optgroup>
      <optgroup label="Closed as">
        {CLOSING.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABEL[s]}
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
