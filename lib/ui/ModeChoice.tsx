/** Where Factlens runs: everywhere but the sites switched off, or only on the sites switched on (options, first run). */
import { t } from '../shared/i18n';

export function ModeChoice({
  enabledByDefault,
  onChoose,
}: {
  enabledByDefault: boolean;
  onChoose: (enabledByDefault: boolean) => void;
}) {
  return (
    <fieldset>
      <legend>{t('modeLegend')}</legend>
      <label class="radio">
        <input type="radio" name="mode" value="except" checked={enabledByDefault} onChange={() => onChoose(true)} />
        {t('modeExcept')}
      </label>
      <label class="radio">
        <input type="radio" name="mode" value="only" checked={!enabledByDefault} onChange={() => onChoose(false)} />
        {t('modeOnly')}
      </label>
    </fieldset>
  );
}
