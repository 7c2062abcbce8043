// Progressive enhancement for the income and expenditure form: the server works the totals out when the form is
// submitted; this keeps them current while the officer types. Amounts are read as whole pence with BigInt, never as
// floating-point numbers, and read the way the server reads them (MoneyText): "£1,234.50", "1234.5" or "12".
// An amount the server would refuse (not money, negative, three decimal places) is left out, and the page says so.

const amountPattern = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** Whole pence as a BigInt, 0n for a blank field, or null when the text is not an amount the server accepts. */
export function toPence(text) {
  let s = text.trim();
  if (s === '') {
    return 0n;
  }

  if (s.startsWith('£')) {
    s = s.slice(1);
  }

  const match = amountPattern.exec(s);
  if (match === null) {
    return null;
  }

  const pounds = match[1].replaceAll(',', '');
  if (pounds.length > 13) {
    return null;
  }

  return BigInt(pounds) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/** "£1,234.56" (and "-£7.00"), as the server's Money.ToDisplayString writes it. */
export function formatPence(pence) {
  const negative = pence < 0n;
  const abs = negative ? -pence : pence;
  const pounds = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}£${pounds}.${rest}`;
}

function sum(inputs) {
  let total = 0n;
  let skipped = 0;
  for (const input of inputs) {
    const pence = toPence(input.value);
    if (pence === null) {
      skipped++;
    } else {
      total += pence;
    }
  }

  return { total, skipped };
}

function start(form) {
  const income = [...form.querySelectorAll('input[name^="income-"]')];
  const spending = [...form.querySelectorAll('input[name^="expenditure-"]')];
  const panel = document.getElementById('ie-totals');
  if (panel === null) {
    return;
  }

  const show = (id, text) => {
    const element = document.getElementById(id);
    if (element !== null && element.textContent !== text) {
      element.textContent = text;
    }
  };

  const update = () => {
    const inTotal = sum(income);
    const outTotal = sum(spending);
    const balance = inTotal.total - outTotal.total;
    show('total-income', formatPence(inTotal.total));
    show('total-expenditure', formatPence(outTotal.total));
    show('balance-label', balance < 0n ? 'Deficit' : 'Surplus');
    show('total-balance', formatPence(balance < 0n ? -balance : balance));
    const skipped = inTotal.skipped + outTotal.skipped;
    show('totals-skipped', skipped === 0 ? '' : `${skipped} amount${skipped === 1 ? ' is' : 's are'} not money and not counted.`);
  };

  for (const input of [...income, ...spending]) {
    input.addEventListener('input', update);
  }

  update();
}

const form = document.querySelector('form[data-live-totals]');
if (form !== null) {
  start(form);
}
