import assert from 'node:assert/strict';
import { commandLink, escapeMarkdownText, fencedCodeBlock, showInvisibleCharacters } from '../../../../src/extension/hover/markdown';

describe('escapeMarkdownText', () => {
  it('escapes every ASCII punctuation character', () => {
    assert.equal(escapeMarkdownText('[x](command:evil)'), '\\[x\\]\\(command\\:evil\\)');
    assert.equal(escapeMarkdownText('<script>'), '\\<script\\>');
    assert.equal(escapeMarkdownText('`code` *em* _u_ #h $(icon) ~s~ |t|'), '\\`code\\` \\*em\\* \\_u\\_ \\#h \\$\\(icon\\) \\~s\\~ \\|t\\|');
  });

  it('breaks bare URLs and emails', () => {
    assert.equal(escapeMarkdownText('https://a.example'), 'https\\:\\/\\/a\\.example');
    assert.equal(escapeMarkdownText('www.a.example'), 'www\\.a\\.example');
    assert.equal(escapeMarkdownText('me@a.example'), 'me\\@a\\.example');
  });

  it('shows bidi and zero-width characters', () => {
    assert.equal(escapeMarkdownText('a\u202Eb'), 'a\\\\u202Eb');
    assert.equal(escapeMarkdownText('a\u200Bb\uFEFF'), 'a\\\\u200Bb\\\\uFEFF');
    assert.equal(escapeMarkdownText('line\nbreak'), 'line\\\\u000Abreak');
  });

  it('keeps letters and non-ASCII text', () => {
    assert.equal(escapeMarkdownText('Zoë Ünïcødé 🎉 测试用户'), 'Zoë Ünïcødé 🎉 测试用户');
  });
});

describe('showInvisibleCharacters', () => {
  it('escapes lone surrogates only', () => {
    assert.equal(showInvisibleCharacters('\uD83C\uDF89'), '\uD83C\uDF89');
    assert.equal(showInvisibleCharacters('a\uD83Cb'), 'a\\uD83Cb');
    assert.equal(showInvisibleCharacters('a\uDF89b'), 'a\\uDF89b');
  });

  it('keeps line feeds on request', () => {
    assert.equal(showInvisibleCharacters('a\nb\r', true), 'a\nb\\u000D');
  });
});

describe('fencedCodeBlock', () => {
  it('uses three backticks by default', () => {
    assert.equal(fencedCodeBlock('{}', 'json'), '```json\n{}\n```');
  });

  it('outgrows backtick runs inside', () => {
    assert.equal(fencedCodeBlock('a ````` b'), '``````\na ````` b\n``````');
  });
});

describe('commandLink', () => {
  it('encodes the arguments and parentheses', () => {
    const link = commandLink('Open (panel)', 'jwtLens.openPanel', [{ token: 'a(b)c' }]);
    assert.equal(link, '[Open \\(panel\\)](command:jwtLens.openPanel?%5B%7B%22token%22%3A%22a%28b%29c%22%7D%5D)');
  });
});
