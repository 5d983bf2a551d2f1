# Thông báo của congkhai bằng tiếng Việt: cùng mã (id) và cùng biến với en.ftl.

## Nhãn

# Tên tiếng Việt của một loại mục danh mục (`field`, `office`…), dùng trong các thông báo có $kind.
kind-name = { $kind ->
    [field] lĩnh vực
    [level] cấp
    [agency] cơ quan
    [office] nơi tiếp nhận
    [channel] cách thức nộp
    [kind] loại thủ tục
    [audience] đối tượng
    [time-unit] đơn vị thời gian
    [fee-kind] loại phí
   *[other] { $kind }
}

label-error = lỗi
label-warning = cảnh báo
more-warnings = … và { $count } cảnh báo khác cùng loại (`congkhai check --format json` liệt kê đủ)

## Tóm tắt sau mỗi lệnh

built = Đã dựng { $procedures } thủ tục, { $pages } trang, { $files } tệp ({ $written } tệp ghi mới, { $unchanged } tệp giữ nguyên{ $deleted }) vào { $output } trong { $seconds } giây{ $warnings }
built-rendered = đã dựng lại { $rendered } trên { $pages } trang; các trang khác không đổi gì trong những thứ làm nên chúng
built-sheets = bộ áp phích PDF: vẽ { $drawn } tờ, lấy nguyên { $taken } tờ từ các bộ đang có
built-deleted = , { $count } tệp đã xóa
up-to-date = Không có gì thay đổi từ lần dựng trước: { $output } đã mới nhất ({ $procedures } thủ tục, { $pages } trang); thêm --force để vẫn dựng lại
build-failed = Dựng không thành công: { $errors } lỗi{ $warnings }; { $output } được giữ nguyên như trước
build-stopped = Dựng không thành công; { $output } được giữ nguyên như trước
count-warnings = { $count ->
    [0] {""}
   *[other] , { $count } cảnh báo
}
checked = Đã kiểm tra { $root } trong { $seconds } giây: { $found }
found-nothing = không có vấn đề nào
found-errors = { $count } lỗi
found-warnings = { $count } cảnh báo
found-both = { $errors }, { $warnings }
not-a-folder = { $path } không phải là thư mục
cannot-serve = không chạy được máy chủ xem trước: { $problem }
fix-catalogues = hãy sửa các tệp danh mục (content/catalog/) trước, rồi chạy lại
import-stopped = Việc nhập đã dừng; nội dung của trang vẫn như trước khi nhập.
nothing-written = Chưa ghi tệp nào.
created-site = Đã tạo trang với { $count } tệp trong { $dir }; dựng trang bằng lệnh: congkhai build --root { $dir }
created-procedure = Đã tạo { $path }: điền các mục, rồi chạy `congkhai check` để kiểm tra
imported-list = Đã nhập { $source } trong { $seconds } giây: { $created } thủ tục mới, { $updated } cập nhật, { $kept } giữ nguyên; { $fields } lĩnh vực mới, { $agencies } cơ quan mới{ $warnings }
imported-records = Đã nhập { $source } trong { $seconds } giây: { $created } thủ tục mới, { $updated } cập nhật, { $unchanged } không đổi, { $conflicts } không áp dụng; { $entries } mục danh mục mới{ $warnings }
procedures-exist = { $count } thủ tục đã có sẵn và được giữ nguyên
use-update-list = (thêm --update để cập nhật tên, lĩnh vực và cơ quan của chúng)
use-update = (thêm --update để cập nhật chúng)
left-out-levels = { $count } thủ tục không nhập: không thực hiện ở cấp { $levels }
bad-date = `{ $text }` không phải là ngày viết theo dạng năm-tháng-ngày (YYYY-MM-DD), ví dụ 2025-07-15

## Trợ giúp

help-about = Tạo trang web tĩnh công khai thủ tục hành chính: mỗi thủ tục một trang, địa chỉ không đổi.
help-usage = Cách dùng
help-commands = Lệnh
help-options = Tùy chọn
help-arguments = Tham số
help-help = In phần trợ giúp này
help-version = In số phiên bản
help-subcommand-help = In phần trợ giúp này, hoặc phần trợ giúp của lệnh đã nêu
help-lang = Ngôn ngữ của thông báo: vi (mặc định) hoặc en; hoặc đặt CONGKHAI_LANG, hoặc LANG=en…

## Lỗi định dạng tệp (TOML)

toml-unknown-near = không có khóa `{ $key }` (có phải bạn muốn viết `{ $near }`?)
toml-unknown = không có khóa `{ $key }`; các khóa được dùng ở đây: { $expected }
toml-missing = thiếu khóa `{ $key }`: hãy thêm dòng `{ $key } = …`
toml-date = sai kiểu: { $found }, cần một ngày: viết ngày theo dạng năm-tháng-ngày, không có dấu ngoặc kép, ví dụ `updated = 2025-07-15`
toml-date-string = ngày "{ $value }" đang viết như một chuỗi chữ: viết ngày theo dạng năm-tháng-ngày, không có dấu ngoặc kép, ví dụ `updated = 2025-07-15`
toml-string-or-table = cần một chuỗi chữ (trong dấu ngoặc kép) hoặc một bảng `{ "{" } … { "}" }` ở đây
toml-type = sai kiểu: { $found }, cần { $expected }
toml-unclosed-table = thiếu dấu `]` để đóng tên bảng (ví dụ `[[channels]]`)
toml-duplicate-key = khóa `{ $key }` được viết hai lần: hãy xóa một dòng
toml-variant = giá trị `{ $value }` không hợp lệ; các giá trị được dùng: { $expected }

## Lỗi trong tệp thủ tục

duplicate-code = mã thủ tục { $code } bị trùng: { $other } đã dùng mã này
bad-code = `{ $code }` không phải là mã thủ tục quốc gia (dạng 1.001193)
code-not-file = mã { $code } không khớp với tên tệp { $file }.md: tệp thủ tục phải mang tên theo mã, ví dụ { $code }.md
empty-name = tên thủ tục (name) đang để trống: hãy ghi tên đầy đủ của thủ tục
empty-short-name = tên ngắn (short_name) đang để trống: xóa dòng này để dùng tên đầy đủ, hoặc ghi tên ngắn
empty-levels = levels đang để trống: hãy ghi ít nhất một cấp thực hiện thủ tục
unit-no-amount = thời hạn (time_limit) có đơn vị (`unit`) nhưng thiếu số (`amount`)
empty-time-limit = thời hạn (time_limit) đang để trống: ghi `amount` và `unit`, hoặc một ghi chú `note`
fee-needs = mỗi khoản phí cần số tiền `amount` (đồng), lời ghi `text`, hoặc cả hai
form-missing = không tìm thấy tệp mẫu đơn `{ $file }` trong { $dir }/
no-channels = chưa có cách thức thực hiện (channels): trang không nói được thủ tục mất bao lâu và tốn bao nhiêu
no-offices = chưa có nơi tiếp nhận: trang không nói được nộp hồ sơ ở đâu (thủ tục không ghi `offices`, và không nơi nào có quy tắc `receives` khớp với thủ tục); hãy ghi `offices` trong thủ tục, hoặc thêm quy tắc `receives` cho nơi tiếp nhận trong content/catalog/offices.toml
online-no-url = thủ tục có nộp trực tuyến nhưng chưa có online_url: người dân không biết nộp ở đâu
empty-document = một dòng giấy tờ có tên (`name`) để trống
needs-form = `{ $name }` phải viết theo mẫu nhưng chưa ghi mẫu nào: thêm tệp vào `forms`, hoặc tên mẫu vào `form_names`
unknown-key = không có { kind-name } `{ $key }`: chưa khai báo trong { $file } (có phải bạn muốn viết `{ $near }`?)
unknown-key-plain = không có { kind-name } `{ $key }`: chưa khai báo trong { $file }; hãy khai báo ở đó, hoặc sửa lại cho đúng khóa đã có
change-note = mỗi lần thay đổi cần một ghi chú (note) nói đã thay đổi gì (sửa lỗi nhỏ thì không cần mục [[changes]])
step-starter = bước `{ $step }` vẫn là mẫu của tệp khởi tạo: hãy ghi bước thực hiện

## Lỗi trong danh mục và cấu hình

catalog-missing = thiếu tệp danh mục
key-twice = khóa { kind-name } `{ $key }` được khai báo hai lần
bad-time = `{ $time }` không phải là giờ trong ngày (dạng 07:30)
closes-before = đóng cửa lúc { $closes } nhưng mở cửa lúc { $opens }: giờ đóng phải sau giờ mở
no-days = giờ làm việc chưa ghi ngày nào
office-receives-nothing = nơi tiếp nhận `{ $office }` không nhận thủ tục nào: thêm quy tắc `receives`, hoặc ghi nơi này vào `offices` của các thủ tục
rule-matches-nothing = nơi tiếp nhận `{ $office }`: quy tắc thứ { $rule } của `receives` không khớp thủ tục nào; hãy kiểm tra các khóa
starter-base-url = base_url vẫn là địa chỉ mẫu ({ $url }): mã QR trên áp phích và nhãn in ra sẽ không dẫn tới đâu — hãy đặt tên miền của tỉnh trước khi in
starter-hotline = đường dây nóng `{ $label }` vẫn là số mẫu `{ $number }`: hãy ghi số thật

## Trợ giúp của từng lệnh và tùy chọn

help-build = Dựng trang thành một thư mục tệp tĩnh.
help-check = Kiểm tra trang mà không ghi gì: mọi điều `build` kiểm tra, cùng mọi liên kết, neo của các trang và nơi tiếp nhận chưa có giờ làm việc.
help-serve = Chạy trang ở 127.0.0.1 để xem trước, dựng lại mỗi khi tệp thay đổi và tải lại thẻ trình duyệt.
help-import = Nhập hồ sơ thủ tục quốc gia (thư mục các tệp .json, hoặc một tệp .jsonl) hoặc "DANH SÁCH THỦ TỤC HÀNH CHÍNH" xuất từ Cổng (.xlsx hoặc .csv): mỗi hồ sơ hoặc mỗi dòng thành một tệp thủ tục, cùng các mục danh mục chúng nêu. Không ghi đè tệp nào nếu không có --update.
help-new = Tạo một trang mới hoặc một tệp thủ tục mới.
help-root = Thư mục gốc của trang (nơi có congkhai.toml).
help-build-output = Nơi ghi trang; chỉ thay thế khi dựng thành công [mặc định: ROOT/site].
help-build-quiet = Chỉ in các vấn đề, không in tóm tắt.
help-build-force = Dựng lại dù không có gì thay đổi từ lần dựng thành công trước.
help-build-timings = In thời gian của từng bước dựng.
help-build-date = Công khai danh mục như vào ngày này, YYYY-MM-DD [mặc định: hôm nay theo giờ Việt Nam]. Thủ tục có hiệu lực sau ngày đó được báo trước, chưa liệt kê; việc bãi bỏ có hiệu lực đúng ngày của nó.
help-check-format = Cách in các vấn đề: text (để đọc) hoặc json (cho trình soạn thảo, CI).
help-check-strict = Trả mã thoát 1 cả khi chỉ có cảnh báo, không chỉ khi có lỗi.
help-check-date = Kiểm tra danh mục như vào ngày này, YYYY-MM-DD, đúng như `build --date` công khai [mặc định: hôm nay theo giờ Việt Nam].
help-serve-port = Cổng để chạy (0: bất kỳ cổng trống nào).
help-import-list = Thư mục hồ sơ, tệp .jsonl, hoặc danh sách đã xuất.
help-import-level = Cấp của thủ tục mới (danh sách không ghi) [mặc định: cấp đầu tiên].
help-import-kind = Loại của thủ tục mới [mặc định: loại đầu tiên].
help-import-levels = Chỉ với hồ sơ quốc gia: chỉ nhập thủ tục thực hiện ở các cấp này (khóa, cách nhau bởi dấu phẩy: `--levels tinh,xa`); thủ tục chỉ do bộ, ngành thực hiện thì không nhập.
help-import-update = Cập nhật thủ tục đã có: từ danh sách, cập nhật tên, lĩnh vực và cơ quan thực hiện; từ hồ sơ, mọi điều hồ sơ quốc gia ghi (nơi tiếp nhận, địa chỉ nộp trực tuyến, tên ngắn, từ khóa và ghi chú của tỉnh được giữ nguyên).
help-site = Một trang tối thiểu dựng được ngay: cấu hình, danh mục, một thủ tục, một trang.
help-site-dir = Thư mục sẽ tạo (chưa có, hoặc đang trống).
help-procedure = Một tệp thủ tục có đủ các mục, kèm chú thích và các khóa danh mục của trang này.
help-procedure-code = Mã thủ tục quốc gia, ví dụ 1.001193.
help-default = mặc định

## Cảnh báo về số liệu thống kê

stats-disagree = { $scope }: tỷ lệ { $indicator } công bố là { $published } %, khác với số liệu, vốn cho { $computed } %
stats-balance = { $scope }: kỳ trước chuyển sang { $carried } + tiếp nhận { $received } - đã giải quyết { $resolved } - rút { $withdrawn } - trả lại { $returned } = { $expected }, nhưng số đang giải quyết ghi { $pending }

## Cảnh báo khi nhập hồ sơ quốc gia và về nơi tiếp nhận

import-no-unit = `{ $mode }`: thời hạn `{ $amount }` không có đơn vị; trang sẽ ghi là nguồn không ghi đơn vị — hãy đối chiếu với quyết định công bố
import-small-fee-hint = `{ $mode }`: mức phí `{ $amount }` đồng nhỏ bất thường; lời ghi của nó nêu { $named } — giữ như nguồn ghi; hãy kiểm tra lại
import-small-fee = `{ $mode }`: mức phí `{ $amount }` đồng nhỏ bất thường — giữ như nguồn ghi; hãy kiểm tra lại
import-not-address = không phải là địa chỉ, nên không tạo nơi tiếp nhận; giữ làm ghi chú của thủ tục: `{ $text }`
import-ambiguous = { $mode }: `{ $text }` có thể hiểu thành nhiều thời hạn và mức phí; giữ nguyên văn
import-portal-text = bỏ phần chữ của mục `{ $section }` trên Cổng dính sau bảng: `{ $text }`
import-legal-title = căn cứ pháp lý giữ dưới dạng tên văn bản, không có số hiệu: `{ $text }`
import-long-name = { $count } ký tự ở chỗ lẽ ra là một cái tên: không tạo mục danh mục, giữ làm nội dung của thủ tục (`{ $text }`)
import-group = { $kind } — { $warnings } trong { $records } (ví dụ { $examples })
import-warnings = { $count } cảnh báo
import-records = { $count } hồ sơ
parsed = Đã đọc: { $channels } dòng cách thức ({ $channels_text } giữ nguyên văn), { $documents } dòng giấy tờ ({ $groups_text } nhóm giữ nguyên văn), { $legal } văn bản pháp lý ({ $legal_text } không có số hiệu), { $results } kết quả, { $steps } bước; { $reduced } thủ tục giữ bảng dưới dạng văn bản để dựng được
office-no-hotline = nơi tiếp nhận `{ $office }` chưa có đường dây nóng hay số điện thoại: áp phích của nơi này in đường dây nóng chung của tỉnh
office-starter = nơi tiếp nhận `{ $office }`: { $what ->
    [address] địa chỉ
    [hotline] đường dây nóng
    [phone] số điện thoại
   *[other] { $what }
} vẫn là giá trị mẫu `{ $value }`: áp phích và trang sẽ in ra đúng như vậy
import-no-unit-kind = thời hạn … không có đơn vị; trang sẽ ghi là nguồn không ghi đơn vị — hãy đối chiếu với quyết định công bố
import-small-fee-kind = mức phí … đồng nhỏ bất thường — giữ như nguồn ghi; hãy kiểm tra lại
import-small-fee-hint-kind = mức phí … đồng nhỏ bất thường; lời ghi của nó nêu { $named } — giữ như nguồn ghi; hãy kiểm tra lại
import-not-address-kind = không phải là địa chỉ, nên không tạo nơi tiếp nhận; giữ làm ghi chú của thủ tục: …

## Máy chủ xem trước

serving = Đang chạy { $root } tại { $address } (Ctrl+C để dừng)
rebuilt = Đã dựng lại trong { $ms } ms ({ $files } tệp; { $stages })
serve-failed = Dựng không thành công: { $errors } lỗi; vẫn đang chạy bản dựng tốt gần nhất
serve-repeated = ({ $repeated } cảnh báo như trước, không in lại; { $gone } cảnh báo đã hết)
made-all = Đã tạo đủ { $files } tệp trong { $ms } ms{ $warnings }
render-failed = Tạo trang không thành công: { $errors } lỗi

## Thêm lỗi về thủ tục, danh mục và cấu hình

listed-twice = `{ $key }` được ghi hai lần trong { $what }
other-fields-repeat = other_fields lặp lại lĩnh vực chính (`field`): hãy bỏ nó khỏi other_fields
fee-impossible = mức phí { $amount } đồng là không thể có (tối đa { $max } đồng); hãy kiểm tra lại con số
fees-unknown-listed = fees_unknown = true nói rằng chưa công bố phí, nhưng lại có ghi phí: bỏ một trong hai
channel-twice = cách thức `{ $mode }` được ghi { $count } lần; hãy ghi `condition` cho mỗi lần để nói khi nào áp dụng
empty-entry-name = { kind-name } `{ $key }` chưa có tên
bad-key = khóa { kind-name } `{ $key }` chỉ được gồm chữ thường không dấu và chữ số, nối bằng một dấu gạch ngang, tối đa 64 ký tự (khóa trở thành một phần của địa chỉ trang)
not-absolute-url = `{ $url }` không phải là địa chỉ đầy đủ, dạng https://tthc.camau.gov.vn/
not-https = `{ $url }` phải bắt đầu bằng https://
no-front-matter = thiếu phần đầu: tệp phải bắt đầu bằng một dòng `+++`, tiếp theo là phần TOML, rồi một dòng `+++`
front-matter-open = phần đầu chưa được đóng: thêm một dòng `+++` sau phần TOML

## Lỗi về tệp, liên kết, cấu hình, số liệu thống kê và đầu ra

not-utf8 = tệp không phải là văn bản UTF-8: hãy lưu lại tệp với bảng mã UTF-8
link-to-folder = là một liên kết tới thư mục; liên kết tới thư mục không được theo (hãy chuyển thư mục vào đây)
link-to-nothing = là một liên kết không trỏ tới đâu; hãy xóa nó
control-removed = đã bỏ ký tự điều khiển U+{ $code }{ $more }: văn bản không được chứa ký tự điều khiển
no-config = không có congkhai.toml ở đây: `{ $root }` có phải là thư mục gốc của một trang congkhai không?
http-base-url = base_url dùng http://; mã QR in ra nên trỏ tới một địa chỉ https://
no-hours = nơi tiếp nhận `{ $office }` chưa có giờ làm việc: người dân không biết khi nào đến
broken-link = liên kết hỏng `{ $link }`: không có trang hay tệp /{ $route } nào trong trang web{ $hint }; hãy sửa liên kết
no-anchor = liên kết `{ $link }`: trang /{ $route } không có mục `#{ $anchor }`
image-elsewhere = ảnh `{ $image }` nằm ở trang web khác: trình duyệt của mọi người đọc sẽ kết nối tới đó; hãy đặt ảnh vào static/ và liên kết từ đó
link-scheme = liên kết `{ $link }` dùng giao thức `{ $scheme }:`; chỉ công bố liên kết https, http, mailto và tel
link-no-scheme = liên kết `{ $link }` thiếu giao thức; với trang bên ngoài hãy viết https://…
link-leaves = liên kết `{ $link }` ra ngoài phạm vi trang
bad-file-name = tên tệp được công bố chỉ dùng chữ không dấu, chữ số, `-`, `_` và `.` (không dấu cách, không dấu tiếng Việt), để địa chỉ của tệp mở được ở mọi nơi
not-md = không phải tệp .md; bỏ qua
page-file-name = tên tệp trang phải là chữ thường không dấu nối bằng dấu gạch ngang, ví dụ `lien-he.md` (tên trở thành địa chỉ trang)
written-twice = `{ $file }` sẽ bị ghi hai lần, lần kia bởi { $other }; hãy đổi tên một trong hai
poster-too-full = áp phích của { $code } không vừa một tờ A4, kể cả khi bỏ phần giấy tờ: hãy rút ngắn `short_name`, thời hạn hoặc phí của một cách thức, hoặc tên nơi tiếp nhận
text-too-long = { kind-name } `{ $key }`: { $what } dài { $length } ký tự; trang và áp phích chỉ chứa được { $max } — hãy rút ngắn
theme-missing = không tìm thấy giao diện `{ $name }`: cần có thư mục themes/{ $name }/
replaced-needs = status = "replaced" cần có replaced_by = "<mã của thủ tục mới>"
replaced-only = replaced_by chỉ dùng khi status = "replaced"
repealed-active = có repealed_on nhưng status vẫn là active; hãy đặt status = "repealed" hoặc "replaced"
sub-no-heading = `{ $name }` được đánh dấu `sub` nhưng phía trên không có dòng tiêu đề nào
period-overlap = kỳ `{ $a }` ({ $a_from } – { $a_to }) trùng thời gian với kỳ `{ $b }` ({ $b_from } – { $b_to }) cùng loại
rate-range = tỷ lệ { $indicator } công bố là { $rate } %: tỷ lệ phải từ 0 đến 100
count-negative = số liệu `{ $count }` là số âm ({ $value })
period-backwards = kỳ kết thúc trước khi bắt đầu
period-file-name = tên tệp của kỳ phải là chữ thường không dấu nối bằng dấu gạch ngang, ví dụ `2025-q1.toml` (tên trở thành địa chỉ)
stats-numerator = { $scope }: chỉ tiêu `{ $indicator }` có tử số { $numerator } lớn hơn mẫu số { $denominator }
control-removed-more = đã bỏ ký tự điều khiển U+{ $code } (và { $count } ký tự như vậy nữa trong tệp này): văn bản không được chứa ký tự điều khiển

## Các lỗi còn lại về thủ tục, danh mục, cấu hình, số liệu thống kê và đầu ra

cannot-read = không đọc được: { $problem }
control-written = `{ $written }` là ký tự điều khiển U+{ $code }: văn bản không được chứa ký tự điều khiển; hãy xóa nó
host-files = trang có { $files } tệp; { $host } nhận tối đa { $max } — hãy bỏ bộ áp phích PDF (`[print] pdf = false`) hoặc chọn nơi lưu trữ khác
host-file-size = { $file } nặng { $size } MiB; { $host } chỉ nhận tệp tối đa { $max } MiB
host-site-size = trang nặng { $size } MiB; { $host } chỉ nhận tối đa { $max } MiB
host-redirects = trang có { $count } chuyển hướng (khóa đã đổi tên); { $host } chỉ áp dụng tối đa { $max } chuyển hướng từ `_redirects` — các trang còn ở địa chỉ cũ vẫn chuyển người đọc sang địa chỉ mới
print-fonts-missing = bộ áp phích PDF cần các phông chữ { $fonts } dạng TrueType (.ttf có đường nét chữ): hãy đặt chúng vào thư mục fonts/ của giao diện, hoặc đặt `[print] pdf = false`
field-nothing-in-force = lĩnh vực `{ $field }` không có thủ tục nào đang có hiệu lực: không tạo áp phích hay tờ nhãn cho lĩnh vực này
page-name-taken = tên trang `{ $name }` đã được dùng cho các trang tự tạo; hãy đổi tên tệp
channel-starter = cách thức `{ $mode }` vẫn còn `…` của tệp mẫu (thời hạn hoặc phí): trang sẽ ghi "Chưa có thông tin" cho tới khi điền
url-not-absolute = { $field }: `{ $url }` không phải là địa chỉ đầy đủ bắt đầu bằng https:// (hoặc http://)
url-too-long = { $field }: địa chỉ dài quá { $max } ký tự
url-bad-char = { $field }: `{ $url }` có { $what }; hãy mã hóa phần trăm (percent-encoding) hoặc xóa đi
url-credentials = { $field }: `{ $url }` có tên người dùng hoặc mật khẩu trước tên miền; hãy công bố địa chỉ không kèm chúng
url-no-host = { $field }: `{ $url }`: thiếu tên miền
url-bad-host = { $field }: `{ $url }`: `{ $host }` không phải là tên miền, dạng tthc.camau.gov.vn
row-has-counts = dòng { $kind } `{ $name }` có ghi số lượng; chỉ giấy tờ mới có bản chính và bản sao
one-of-misplaced = `one_of` chỉ đặt ở dòng tiêu đề (kind = "heading"), không đặt ở `{ $name }`
replaced-circle = replaced_by dẫn vòng trở lại qua { $code }; chuỗi thay thế phải kết thúc ở một thủ tục đang có hiệu lực
replaced-repealed = replaced_by dẫn tới { $code }, thủ tục đã bị bãi bỏ; hãy trỏ tới thủ tục đang có hiệu lực
needs-repealed-on = status = "{ $status }" cần có repealed_on = <ngày>, để trang ghi được từ ngày nào
effective-after-repeal = effective = { $effective } không trước repealed_on = { $repealed }: thủ tục sẽ không bao giờ có hiệu lực
own-reference = một thủ tục không thể là { $what } của chính nó
urls-prefix-bad = urls.{ $name } = "{ $prefix }" chỉ được gồm chữ thường không dấu, chữ số và một dấu gạch ngang giữa các từ
urls-prefix-twice = urls.{ $name } = "{ $prefix }" được dùng hai lần; mỗi loại trang cần tiền tố riêng
theme-name-bad = theme = "{ $name }" phải là tên một thư mục trong themes/
synonym-empty = search.synonyms: có một từ hoặc nghĩa để trống
synonym-no-words = search.synonyms: `words` chưa ghi từ nào cho nghĩa này
template-error = lỗi mẫu trang (template): { $problem }
form-not-document = mẫu đơn phải là một tài liệu ({ $allowed }): các tệp khác như .svg hay .html có thể chạy mã lệnh trên chính địa chỉ của trang
rule-names-nothing = nơi tiếp nhận `{ $office }`: một quy tắc `receives` không nêu gì; hãy ghi `levels`, `fields`, `agencies`, `procedures` hoặc `anywhere = true`
map-range = map: vĩ độ (lat) phải từ -90 đến 90 và kinh độ (lon) từ -180 đến 180
old-key-bad = khóa cũ `{ $key }` chỉ được gồm chữ thường không dấu và chữ số, nối bằng một dấu gạch ngang
old-key-in-use = khóa cũ `{ $key }` nay là khóa của một { kind-name }; một địa chỉ không thể vừa chuyển hướng vừa là một trang
old-key-twice = khóa cũ `{ $key }` được ghi hai lần; nó chỉ chuyển hướng được tới một { kind-name }
stats-parts = { $scope }: các phần của `{ $total }` cộng lại được { $sum }, nhiều hơn { $whole } của nó
stats-part-larger = { $scope }: { $part } = { $sum } lớn hơn tổng `{ $whole }` = { $value }
index-value = { $index } { $period }: giá trị { $value } là không thể có với chỉ số này{ $more }
index-change = { $index } { $period }: mức thay đổi { $value } là không thể có với chỉ số này
index-rank = { $index } { $period }: xếp hạng { $rank } trên { $count } là không thể có
stats-not-toml = không phải tệp .toml; bỏ qua (mỗi kỳ thống kê là một tệp `<kỳ>.toml`)
indicator-key-bad = khóa chỉ tiêu `{ $key }` chỉ được gồm chữ thường không dấu nối bằng dấu gạch ngang
indicator-twice = chỉ tiêu `{ $key }` được khai báo hai lần
indicator-parts = chỉ tiêu `{ $key }` cần có tử số và mẫu số
scope-twice = phạm vi `{ $scope }` xuất hiện hai lần trong kỳ này
scope-one = một phạm vi chỉ nêu một cấp, cơ quan, lĩnh vực hoặc nơi tiếp nhận (hoặc không nêu, cho toàn tỉnh)

## Lỗi làm dừng một lệnh

dir-not-empty = { $dir } đã có và không trống; hãy chọn một thư mục mới
file-exists = { $path } đã có; congkhai không bao giờ ghi đè
catalogues-have-errors = các tệp danh mục của trang có lỗi; hãy chạy `congkhai check` trước
level-undeclared = cấp `{ $key }` chưa được khai báo trong content/catalog/levels.toml
kind-undeclared = loại thủ tục `{ $key }` chưa được khai báo trong content/catalog/vocabulary.toml
output-own-files = không ghi trang vào { $dir }: việc này sẽ thay thế chính các tệp nguồn của trang; hãy chọn thư mục đầu ra như site/
output-in-sources = không ghi trang vào { $dir }: thư mục này nằm trong nguồn của trang ({ $sources }/), nơi lần dựng sau sẽ đọc; hãy chọn thư mục đầu ra như site/
output-a-file = không ghi trang vào { $dir }: đây là một tệp, không phải thư mục; tệp được giữ nguyên
output-not-ours = không ghi trang vào { $dir }: thư mục không trống và không do congkhai tạo ra; thư mục được giữ nguyên. Hãy chọn một thư mục chưa có hoặc trống, hoặc tự xóa thư mục này
arg-unknown = không có tùy chọn `{ $arg }`
arg-command-unknown = không có lệnh `{ $arg }`
arg-invalid = giá trị `{ $value }` không hợp lệ cho `{ $arg }`: { $problem }
arg-missing = thiếu tham số bắt buộc: { $arg }
arg-see-help = Xem `congkhai --help`, hoặc `congkhai <lệnh> --help`.
arg-choices = các giá trị được dùng: { $values }
qr-too-big = mã QR của { $what } cần phiên bản { $version } ({ $modules } ô), vượt max_version { $max }: { $fix } để mã in ra vẫn dễ quét
