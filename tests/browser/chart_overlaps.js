// Chart texts that overlap, are cut off or are smaller than 11 px (test_phone_layout.py).
  () => {
  const out = [];
  for (const svg of document.querySelectorAll("svg.chart")) {
    const boxes = [...svg.querySelectorAll("text, rect.chart__track")]
      .map((el) => [el, el.getBoundingClientRect()]);
    for (const [el, r] of boxes) {
      if (el.matches("text") && r.height < 11) out.push(`small text ${el.textContent}`);
      if (r.right > window.innerWidth) out.push(`cut off ${el.textContent}`);
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, p] = boxes[i], [b, q] = boxes[j];
      if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1)
        out.push(`${a.textContent || a.getAttribute("class")} overlaps ${b.textContent || b.getAttribute("class")}`);
    }
  }
  return out;
}
