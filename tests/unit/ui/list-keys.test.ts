import { describe, expect, it } from 'vitest';
import { listKeys, type Focusable } from '../../../lib/ui/list-keys';

function setup(n = 3, value = 'pow') {
  let focused: Focusable | undefined;
  const clicked: number[] = [];
  let cleared = 0;
  const box: Focusable & { value: string } = { value, focus: () => (focused = box) };
  const items: Focusable[] = Array.from({ length: n }, (_, i) => ({
    focus: () => (focused = items[i]),
    click: () => void clicked.push(i),
  }));
  const handle = listKeys(
    () => box,
    () => items,
    () => void cleared++,
  );
  const press = (key: string, target: Focusable, mods: { altKey?: boolean } = {}) => {
    let prevented = false;
    handle({ key, target: target as unknown as EventTarget, preventDefault: () => void (prevented = true), ...mods });
    return prevented;
  };
  return { box, items, press, focused: () => focused, clicked, cleared: () => cleared };
}

describe('keyboard movement between the search box and its results', () => {
  it('goes down from the box to the first result and through the list, stopping at the end', () => {
    const s = setup();
    expect(s.press('ArrowDown', s.box)).toBe(true);
    expect(s.focused()).toBe(s.items[0]);
    s.press('ArrowDown', s.items[0]!);
    s.press('ArrowDown', s.items[1]!);
    expect(s.focused()).toBe(s.items[2]);
    s.press('ArrowDown', s.items[2]!);
    expect(s.focused()).toBe(s.items[2]);
  });

  it('goes up, and from the first result back to the box', () => {
    const s = setup();
    s.press('ArrowUp', s.items[2]!);
    expect(s.focused()).toBe(s.items[1]);
    s.press('ArrowUp', s.items[0]!);
    expect(s.focused()).toBe(s.box);
  });

  it('jumps with Home and End, returns with Escape', () => {
    const s = setup(5);
    s.press('End', s.items[1]!);
    expect(s.focused()).toBe(s.items[4]);
    s.press('Home', s.items[4]!);
    expect(s.focused()).toBe(s.items[0]);
    s.press('Escape', s.items[3]!);
    expect(s.focused()).toBe(s.box);
  });

  it('opens the first result on Enter in the box, and clears the box on Escape', () => {
    const s = setup();
    expect(s.press('Enter', s.box)).toBe(true);
    expect(s.clicked).toEqual([0]);
    expect(s.press('Escape', s.box)).toBe(true);
    expect(s.cleared()).toBe(1);
  });

  it('lets Escape through when the box is empty (the popup closes) and ignores modified keys', () => {
    const s = setup(3, '');
    expect(s.press('Escape', s.box)).toBe(false);
    expect(s.cleared()).toBe(0);
    expect(s.press('ArrowDown', s.box, { altKey: true })).toBe(false);
    expect(s.focused()).toBeUndefined();
  });

  it('sends typing in the list back to the box, and does nothing without results', () => {
    const s = setup();
    s.press('x', s.items[1]!);
    expect(s.focused()).toBe(s.box);
    const empty = setup(0);
    expect(empty.press('ArrowDown', empty.box)).toBe(false);
    expect(empty.press('Enter', empty.box)).toBe(false);
  });
});
