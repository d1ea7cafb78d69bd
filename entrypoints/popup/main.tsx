import { render } from 'preact';
import { uiLanguage } from '../../lib/shared/i18n';
import { App } from './App';
import './style.css';

document.documentElement.lang = uiLanguage();
render(<App />, document.getElementById('app')!);
