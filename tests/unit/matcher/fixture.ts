/** Entities for the matcher's labelled tests (aliases as a pack author would write them). */
import type { Entity } from '../../../lib/schema';

const e = (id: string, name: string, aliases: Entity['aliases'], extra: Partial<Entity> = {}): Entity => ({
  id,
  name,
  type: 'other',
  description: 'test',
  aliases,
  related: [],
  categories: ['energy'],
  ...extra,
});

export const ENTITIES: Entity[] = [
  e('power-of-siberia', 'Power of Siberia', [
    { text: 'Power of Siberia', lang: 'en' },
    { text: 'Sila Sibiri', lang: 'translit' },
    { text: 'Сила Сибири', lang: 'ru', forms: ['Силы Сибири', 'Силе Сибири', 'Силу Сибири', 'Силой Сибири'] },
    { text: 'Сила Сибіру', lang: 'uk', forms: ['Сили Сибіру', 'Силі Сибіру', 'Силою Сибіру'] },
    { text: '西伯利亚力量', lang: 'zh' },
    { text: '中俄东线天然气管道', lang: 'zh' },
  ]),
  e('power-of-siberia-2', 'Power of Siberia 2', [
    { text: 'Power of Siberia 2', lang: 'en' },
    { text: 'Сила Сибири 2', lang: 'ru', forms: ['Силы Сибири 2', 'Силы Сибири — 2'] },
    { text: '西伯利亚力量2号', lang: 'zh' },
  ]),
  e('spfs', 'SPFS', [
    { text: 'SPFS', lang: 'abbr', caseSensitive: true },
    { text: 'System for Transfer of Financial Messages', lang: 'en' },
    { text: 'СПФС', lang: 'ru', caseSensitive: true },
    { text: 'Система передачи финансовых сообщений', lang: 'ru', forms: ['Системы передачи финансовых сообщений', 'Систему передачи финансовых сообщений'] },
    { text: '俄罗斯金融信息传输系统', lang: 'zh' },
  ]),
  e('swift', 'SWIFT', [
    { text: 'SWIFT', lang: 'abbr', caseSensitive: true },
    { text: 'СВИФТ', lang: 'ru', caseSensitive: true },
    { text: '环球银行金融电信协会', lang: 'zh' },
  ], { context: ['bank', 'banks', 'payment', 'payments', 'sanctions', 'network', 'messaging', 'банк', 'банки', 'санкции', '银行'] }),
  e('motor-sich', 'Motor Sich', [
    { text: 'Motor Sich', lang: 'en', caseSensitive: true },
    { text: 'Мотор Сич', lang: 'ru', forms: ['Мотор Сичи', 'Мотор Сичью'] },
    { text: 'Мотор Січ', lang: 'uk', forms: ['Мотор Січі', 'Мотор Січчю'] },
    { text: '马达西奇', lang: 'zh' },
  ]),
  e('cr929', 'CR929', [
    { text: 'CR929', lang: 'abbr' },
    { text: 'ШФДМ', lang: 'ru', caseSensitive: true },
    { text: 'CR929宽体客机', lang: 'zh' },
  ]),
  e('gazprom', 'Gazprom', [
    { text: 'Gazprom', lang: 'en' },
    { text: 'Газпром', lang: 'ru', forms: ['Газпрома', 'Газпрому', 'Газпромом', 'Газпроме'] },
    { text: '俄罗斯天然气工业股份公司', lang: 'zh' },
    { text: 'ガスプロム', lang: 'ja' },
  ]),
  e('gazprombank', 'Gazprombank', [
    { text: 'Gazprombank', lang: 'en' },
    { text: 'Газпромбанк', lang: 'ru', forms: ['Газпромбанка', 'Газпромбанку'] },
  ]),
  e('bank-of-china', 'Bank of China', [
    { text: 'Bank of China', lang: 'en', caseSensitive: true },
    { text: '中国银行', lang: 'zh' },
  ]),
  e('icbc', 'Industrial and Commercial Bank of China', [
    { text: 'Industrial and Commercial Bank of China', lang: 'en' },
    { text: 'ICBC', lang: 'abbr', caseSensitive: true },
    { text: '中国工商银行', lang: 'zh' },
  ]),
  e('pboc', "People's Bank of China", [
    { text: "People's Bank of China", lang: 'en' },
    { text: '中国人民银行', lang: 'zh' },
  ]),
  e('s-400', 'S-400', [
    { text: 'S-400', lang: 'abbr' },
    { text: 'С-400', lang: 'ru' },
  ]),
  e('siberia', 'Siberia', [
    { text: 'Siberia', lang: 'en' },
    { text: 'Сибирь', lang: 'ru', forms: ['Сибири', 'Сибирью'] },
    { text: '西伯利亚', lang: 'zh' },
  ]),
  e('treaty-of-aigun', 'Treaty of Aigun', [
    { text: 'Treaty of Aigun', lang: 'en' },
    { text: 'Aigun Treaty', lang: 'en' },
    { text: 'Айгунский договор', lang: 'ru', forms: ['Айгунского договора', 'Айгунским договором'] },
    { text: 'Айгунський договір', lang: 'uk', forms: ['Айгунського договору'] },
    { text: '瑷珲条约', lang: 'zh' },
  ]),
  e('vtb', 'VTB', [
    { text: 'VTB', lang: 'abbr', caseSensitive: true },
    { text: 'ВТБ', lang: 'ru', caseSensitive: true },
  ]),
  e('mir', 'Mir', [
    { text: 'Mir', lang: 'en', caseSensitive: true, ambiguous: true, context: ['card', 'cards', 'payment', 'Visa', 'Mastercard', 'UnionPay'] },
    { text: 'Мир', lang: 'ru', caseSensitive: true, ambiguous: true, context: ['карта', 'карты', 'картой', 'платёжная', 'платежной', 'Visa'] },
  ]),
  e('vostok', 'Vostok exercise', [
    { text: 'Vostok exercise', lang: 'en' },
    { text: 'Vostok', lang: 'en', caseSensitive: true, ambiguous: true },
    { text: 'Восток', lang: 'ru', caseSensitive: true, ambiguous: true, forms: ['Востока', 'Востоке'] },
  ], { context: ['exercise', 'exercises', 'drills', 'troops', 'military', 'учения', 'учениях', 'учений', 'Russia-China', 'российско-китайских'] }),
  e('belt-and-road', 'Belt and Road Initiative', [
    { text: 'Belt and Road Initiative', lang: 'en' },
    { text: 'Belt and Road', lang: 'en' },
    { text: 'BRI', lang: 'abbr', caseSensitive: true },
    { text: '一带一路', lang: 'zh' },
  ]),
  e('xi-jinping', 'Xi Jinping', [
    { text: 'Xi Jinping', lang: 'en' },
    { text: 'Си Цзиньпин', lang: 'ru', forms: ['Си Цзиньпина', 'Си Цзиньпином'] },
    { text: '习近平', lang: 'zh' },
  ]),
  e('kyiv', 'Kyiv', [
    { text: 'Kyiv', lang: 'en' },
    { text: 'Kiev', lang: 'en' },
    { text: 'Київ', lang: 'uk', forms: ['Києва', 'Києві'] },
    { text: 'Киев', lang: 'ru', forms: ['Киева', 'Киеве'] },
    { text: '基辅', lang: 'zh' },
  ]),
  e('scio', 'State Council Information Office', [
    { text: 'State Council Information Office', lang: 'en' },
    { text: 'SCIO', lang: 'abbr', caseSensitive: true },
    { text: '国务院新闻办公室', lang: 'zh' },
  ]),
];
