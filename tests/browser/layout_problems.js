// What breaks the layout rules on the page in view (test_phone_layout.py): its
// width and height, controls under 24 px and, with `tap`, thumb targets under 44 px.
(tap) => {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none";
  };
  const name = (el) => el.tagName.toLowerCase()
    + (el.type && el.tagName === "INPUT" ? `[type=${el.type}]` : "")
    + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "")
    + ` "${(el.innerText || el.value || el.name || "").trim().slice(0, 30)}"`;
  const size = (r) => `${Math.round(r.width)}x${Math.round(r.height)}`;
  const controls = "input[type=checkbox], input[type=radio], button, select, a.button, "
    + "input[type=submit], summary";
  const small = [], thumb = [];
  for (const el of document.querySelectorAll(controls)) {
    if (!visible(el) && !(el.matches("input") && el.closest("label") && visible(el.closest("label")))) continue;
    const target = el.matches("input[type=checkbox], input[type=radio]") && el.closest("label") ? el.closest("label") : el;
    const own = el.getBoundingClientRect(), hit = target.getBoundingClientRect();
    if (Math.max(own.width, hit.width) < 23.5 || Math.max(own.height, hit.height) < 23.5)
      small.push(`${name(el)} ${size(own)}`);
    if (tap && el.closest("main") && hit.height < 43.5 && !el.matches("summary"))
      thumb.push(`${name(target)} ${size(hit)}`);
  }
  const wide = [];
  if (document.documentElement.scrollWidth > window.innerWidth) {
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 && visible(el) && !el.closest(".table-wrap, .table-scroll"))
        wide.push(`${name(el)} right=${Math.round(r.right)}`);
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    height: document.documentElement.scrollHeight,
    small, thumb, wide: wide.slice(0, 8),
  };
}
