import { useI18n } from "../i18n/context.tsx";

/** A file upload under way: a native progress bar and the percentage sent. */
export function UploadProgress(props: { fraction: number }) {
  const { t } = useI18n();
  const percent = () => Math.round(Math.min(Math.max(props.fraction, 0), 1) * 100);
  return (
    <>
      <progress
        class="upload-progress"
        max={100}
        value={percent()}
        aria-label={t("transition.uploadProgress", { percent: percent() })}
      />
      <span>{percent()}%</span>
    </>
  );
}
