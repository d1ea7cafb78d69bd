import { render } from 'preact';
import { t, uiLanguage } from '../../lib/shared/i18n';
import { App } from './App';
import '../popup/style.css';
import './style.css';

document.documentElement.lang = uiLanguage();
document.title = t('optionsTitle');
render(<App />, document.getElementById('app')!);
