/* congkhai: on a procedure page, marks the opening hours that apply today, or says the
   office is closed today. Without JavaScript the week's hours are all shown as they are. */
(function () {
  "use strict";
  var now = new Date(), today = String(now.getDay());
  var names = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
  var offices = document.querySelectorAll("[data-week]");
  for (var i = 0; i < offices.length; i++) {
    var lines = offices[i].querySelectorAll("[data-days]"), open = false;
    for (var j = 0; j < lines.length; j++) {
      if (lines[j].getAttribute("data-days").split(" ").indexOf(today) >= 0) {
        lines[j].classList.add("today");
        lines[j].insertAdjacentText("afterbegin", "Hôm nay mở cửa · ");
        open = true;
      }
    }
    if (!open && lines.length) {
      var closed = document.createElement("span");
      closed.className = "hours today-closed";
      closed.textContent = "Hôm nay (" + names[now.getDay()] + ") không làm việc";
      lines[0].parentNode.insertBefore(closed, lines[0]);
      lines[0].parentNode.insertBefore(document.createElement("br"), lines[0]);
    }
  }
})();
