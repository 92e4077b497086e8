// The search page: Pagefind's interface in Traditional Chinese (Taiwan), filled from ?q= so a
// search can be linked to. The index is built by the disclosure plugin after each build, one Han
// character a word (build_scripts/publish/search_index.py); a query is asked for as an exact
// phrase of its characters, so 「品質」 finds 服務品質 and 「114 年」 finds 民國114年度.
(function () {
  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var NEXT_TO_DIGIT = new RegExp("(?<=[0-9])\\s+(?=[" + HAN + "])|(?<=[" + HAN + "])\\s+(?=[0-9])", "g");
  var BETWEEN = new RegExp("(?<=[" + HAN + "])(?=[" + HAN + "0-9])|(?<=[0-9])(?=[" + HAN + "])", "g");
  var HAS_HAN = new RegExp("[" + HAN + "]");

  // One word: its characters as an exact phrase. Several words (旗津 品質): every character of
  // each, anywhere on the page (Pagefind matches one phrase a query).
  function asPhrases(term) {
    var words = term.trim().replace(NEXT_TO_DIGIT, "").replace(/"/g, "").split(/\s+/);
    var split = words.map(function (word) { return HAS_HAN.test(word) ? word.replace(BETWEEN, " ") : word; });
    return words.length === 1 && HAS_HAN.test(words[0]) ? '"' + split[0] + '"' : split.join(" ");
  }

  // What is shown of a result is the page's own text: the index's zero-width spaces go, and so does
  // the full stop Pagefind puts after a heading or list item that Chinese text ends without one.
  var ZWSP = /\u200b/g;
  var ADDED_STOP = new RegExp("([" + HAN + "\uff01-\uff5e\u3001-\u303f])(</mark>)?\\.(?= |$)", "g");
  function clean(text) { return text ? text.replace(ZWSP, "").replace(ADDED_STOP, "$1$2") : text; }
  function shown(result) {
    result.meta.title = clean(result.meta.title);
    result.excerpt = clean(result.excerpt);
    (result.sub_results || []).forEach(function (sub) { sub.title = clean(sub.title); sub.excerpt = clean(sub.excerpt); });
    return result;
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  var ui = new PagefindUI({
    element: "#plan-search",
    bundlePath: "../pagefind/",
    baseUrl: new URL("../", window.location.href).pathname,
    processTerm: asPhrases,
    processResult: shown,
    showSubResults: true,
    excerptLength: 40,
    showImages: false,
    resetStyles: false,
    autofocus: !query,
    translations: {
      placeholder: "輸入要找的字詞，例如 單一窗口、旗津、114年度",
      clear_search: "清除",
      load_more: "顯示更多結果",
      search_label: "搜尋本網站",
      filters_label: "篩選",
      zero_results: "找不到含有「[SEARCH_TERM]」的計畫",
      many_results: "找到 [COUNT] 筆含有「[SEARCH_TERM]」的結果",
      one_result: "找到 1 筆含有「[SEARCH_TERM]」的結果",
      alt_search: "找不到含有「[SEARCH_TERM]」的結果，改為顯示含有「[DIFFERENT_TERM]」的結果",
      search_suggestion: "找不到含有「[SEARCH_TERM]」的結果，請試試其他字詞。",
      searching: "正在搜尋「[SEARCH_TERM]」……"
    }
  });
  // The box is named for screen readers by more than its title (axe: label-title-only).
  var box = document.querySelector("#plan-search .pagefind-ui__search-input");
  if (box) box.setAttribute("aria-label", "搜尋本網站的計畫：輸入字詞");
  if (query) ui.triggerSearch(query);
})();
