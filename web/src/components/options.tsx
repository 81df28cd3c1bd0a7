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
