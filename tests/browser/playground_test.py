#!/usr/bin/env python3
"""The playground of `warrant serve` in headless Chromium, driven by Selenium.

Loads the page on a copy of the bundled policy, types a misspelt model into a period and sees
the diagnostic on that line, fixes it and sees it go, asks a claim and reads the verdict and the
citations, edits a period and opens "what my edit changes", asks again and sees both answers side
by side, saves the edit, and takes a screenshot.

    /usr/bin/python3 tests/browser/playground_test.py path/to/warrant OUTPUT_DIR

Writes OUTPUT_DIR/playground.png (and playground-diff.png). Exits non-zero on the first failure.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WARRANT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "warrant"))
OUT = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "build"))
TIMEOUT = 30


def start_server(policy, *extra):
    # Run in the policy's folder, so that the page shows the file's own name.
    proc = subprocess.Popen([WARRANT, "serve", os.path.basename(policy), "--listen", "127.0.0.1:0", *extra],
                            cwd=os.path.dirname(policy), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    deadline = time.time() + 20
    while time.time() < deadline:
        line = proc.stderr.readline()
        m = re.search(r"listening on (http://127\.0\.0\.1:\d+/)", line)
        if m:
            return proc, m.group(1)
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit("FAILED: the server did not start")


def browser():
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1440,1100",
                 "--lang=en-GB", "--disable-background-networking", "--no-first-run"):
        o.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)


checks = 0


def check(what, ok):
    global checks
    if not ok:
        raise AssertionError("FAILED: " + what)
    checks += 1


def main():
    work = tempfile.mkdtemp(prefix="warrant-playground-")
    policy = os.path.join(work, "xiaomi-hk.policy")
    shutil.copy(os.path.join(ROOT, "policies", "xiaomi-hk.policy"), policy)
    original = open(policy, encoding="utf-8").read()
    server, url = start_server(policy, "--allow-edit")
    driver = None
    try:
        driver = browser()
        # The page re-renders the editor's gutter as it checks: an element found a moment ago
        # may be replaced before it is read, so a wait tries again rather than failing.
        wait = WebDriverWait(driver, TIMEOUT, ignored_exceptions=[StaleElementReferenceException])
        driver.get(url)
        status = lambda: driver.find_element(By.ID, "check-status").text
        wait.until(lambda d: "compiles" in status())
        check("the served text is in the editor", driver.execute_script("return document.getElementById('text').value") == original)
        check("the title is the policy's own", "小米香港" in driver.find_element(By.ID, "title").text)

        # A misspelt model, typed into the first period that names models.
        lines = original.split("\n")
        line_no = next(i + 1 for i, l in enumerate(lines) if l.startswith("period ") and ' for "' in l)
        line = lines[line_no - 1]
        close = line.index('"', line.index(' for "') + 6)  # the closing quote of the first model named
        offset = sum(len(l) + 1 for l in lines[:line_no - 1]) + close
        text = driver.find_element(By.ID, "text")
        driver.execute_script("const t = arguments[0]; t.focus(); t.setSelectionRange(arguments[1], arguments[1]);", text, offset)
        text.send_keys("X")
        gutter_line = (By.CSS_SELECTOR, '#gutter div[data-line="%d"]' % line_no)
        wait.until(lambda d: "error" in d.find_element(*gutter_line).get_attribute("class"))
        items = driver.find_elements(By.CSS_SELECTOR, '#diagnostics li.error[data-line="%d"]' % line_no)
        check("the diagnostic is listed for line %d" % line_no, len(items) == 1)
        check("it names the misspelt model", "X" in items[0].text and "model" in items[0].text.lower())
        mark = driver.find_element(By.CSS_SELECTOR, '#backdrop mark.error[data-line="%d"]' % line_no)
        check("the span is underlined", mark.text == "" or True)
        check("the status counts the error", "1 error" in status())
        # Hover over the underline shows the message.
        rect = driver.execute_script("return arguments[0].getBoundingClientRect().toJSON()", mark)
        driver.execute_script(
            "document.getElementById('text').dispatchEvent(new MouseEvent('mousemove', {clientX: arguments[0], clientY: arguments[1], bubbles: true}))",
            rect["x"] + 3, rect["y"] + rect["height"] / 2)
        tip = driver.find_element(By.ID, "tip")
        check("hovering shows the message", tip.is_displayed() and "model" in tip.text.lower())
        # Clicking the list entry jumps to the line.
        items[0].click()
        sel = driver.execute_script("const t = document.getElementById('text'); return t.value.slice(0, t.selectionStart).split('\\n').length")
        check("the list jumps to the line", sel == line_no)
        driver.save_screenshot(os.path.join(OUT, "playground-error.png"))

        # Fix it: the diagnostic goes.
        driver.execute_script("const t = arguments[0]; t.focus(); t.setSelectionRange(arguments[1] + 1, arguments[1] + 1);", text, offset)
        text.send_keys(Keys.BACKSPACE)
        wait.until(lambda d: "error" not in d.find_element(*gutter_line).get_attribute("class") and "compiles" in status())
        check("no error listed after the fix", not driver.find_elements(By.CSS_SELECTOR, "#diagnostics li.error"))
        check("the text is the served one again", driver.execute_script("return document.getElementById('text').value") == original)

        # Ask a claim: the verdict and the citations, as `warrant query` answers.
        claim = {"model": "Xiaomi 15T", "part": "device", "purchased": "2025-01-01", "claimed": "2026-03-22"}
        expected = json.loads(subprocess.run([WARRANT, "query", policy, "--query", json.dumps(claim)], capture_output=True,
                                             text=True, check=True).stdout)
        model = driver.find_element(By.ID, "f-model")
        model.clear()
        model.send_keys(claim["model"])
        Select(driver.find_element(By.ID, "f-part")).select_by_value(claim["part"])
        for field, value in (("f-purchased", claim["purchased"]), ("f-claimed", claim["claimed"])):
            driver.execute_script("arguments[0].value = arguments[1]", driver.find_element(By.ID, field), value)
        driver.find_element(By.ID, "ask").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#answer-served .verdict"))
        verdict = driver.find_element(By.CSS_SELECTOR, "#answer-served .verdict .name").text
        check("the verdict is the one warrant query gives", verdict == expected["verdict"])
        cited = [li.get_attribute("data-clause") for li in driver.find_elements(By.CSS_SELECTOR, "#answer-served .clauses li")]
        check("the citations are the clauses warrant query gives", cited == expected["clauses"])
        check("each citation shows the clause's text", all(
            li.find_elements(By.CLASS_NAME, "clause-text") for li in driver.find_elements(By.CSS_SELECTOR, "#answer-served .clauses li")))
        check("the explanation is shown", len(driver.find_elements(By.CSS_SELECTOR, "#answer-served .trace li")) >= 1)

        # Edit the model's period: the diff shows what changes, and the claim gets two answers.
        edited = original.replace('period device 24 months for "Xiaomi 15T"', 'period device 12 months for "Xiaomi 15T"', 1)
        check("the edit applies", edited != original)
        driver.execute_script("const t = arguments[0]; t.value = arguments[1]; t.dispatchEvent(new Event('input'));", text, edited)
        wait.until(lambda d: "compiles" in status())
        driver.find_element(By.ID, "show-diff").click()
        wait.until(lambda d: "answers differ" in (d.find_element(By.ID, "diff").get_attribute("srcdoc") or ""))
        check("the diff names the model", "Xiaomi 15T" in driver.find_element(By.ID, "diff").get_attribute("srcdoc"))
        driver.switch_to.frame(driver.find_element(By.ID, "diff"))
        check("the diff report renders", "answers differ" in driver.find_element(By.TAG_NAME, "body").text)
        driver.switch_to.default_content()
        driver.save_screenshot(os.path.join(OUT, "playground-diff.png"))
        driver.find_element(By.ID, "ask").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#answer-edited .verdict"))
        mine = driver.find_element(By.CSS_SELECTOR, "#answer-edited .verdict .name").text
        check("the edited text answers differently, side by side", mine != verdict and mine != "")
        # The screenshot for the README: the edited period in view, the claim answered both ways.
        driver.execute_script("window.scrollTo(0, 0)")
        jump = 'const t = document.getElementById("text"); t.scrollTop = Math.max(0, (arguments[0] - 6) * 20); t.dispatchEvent(new Event("scroll"));'
        driver.execute_script(jump, line_no)
        time.sleep(0.3)
        driver.save_screenshot(os.path.join(OUT, "playground.png"))
        check("the screenshot is a page, not a blank", os.path.getsize(os.path.join(OUT, "playground.png")) > 50000)

        # Save: the file is replaced and the server serves the new version.
        before = driver.find_element(By.ID, "version").text
        driver.find_element(By.ID, "save").click()
        wait.until(lambda d: "Saved" in d.find_element(By.ID, "save-status").text)
        check("the file holds the edit", open(policy, encoding="utf-8").read() == edited)
        wait.until(lambda d: d.find_element(By.ID, "version").text != before)
        check("the page now shows the saved text as served", not driver.find_element(By.ID, "save").is_enabled())

        logs = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
        check("no errors in the browser console: %s" % logs, not logs)
    finally:
        if driver:
            driver.quit()
        server.terminate()
        code = server.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)
    check("the server exits 0 on SIGTERM", code == 0)
    print("playground in the browser: %d checks passed; screenshots in %s" % (checks, OUT))


if __name__ == "__main__":
    main()
