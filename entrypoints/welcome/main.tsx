/**
 * The first-run page (opened once on install; linked from the popup and the
 * options page). Its sample article runs the very overlay and card a web page
 * gets: the same matcher, the same protocol, the card rendered in this page
 * instead of being injected (extension pages take no content scripts).
 */
import { render } from 'preact';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { t, uiLanguage } from '../../lib/shared/i18n';
import { Overlay } from '../../lib/content/overlay';
import { provideCardFactory } from '../card/card-ui';
import { App } from './App';
import '../popup/style.css';
import '../options/style.css';
import './style.css';

document.documentElement.lang = uiLanguage();
document.title = t('welcomeTitle');
render(<App />, document.getElementById('app')!);
// "Try it on the sample article" (popup) links to #demo: rendered after the browser looked for it.
if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();

provideCardFactory();
void new Overlay(new ContentScriptContext('welcome'))
  .start()
  .catch((err) => console.warn('[Factlens] the demo did not start:', err));
