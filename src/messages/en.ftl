# congkhai's messages in English. Each diagnostic below is written exactly as the code
# says it (the code's text is canonical: `check --format json` and the tests read it); the
# Vietnamese catalogue (vi.ftl) gives the same message, by the same id, with the same
# variables. A diagnostic with no entry here is shown as the code says it.

## Labels

# A kind of catalogue entry (`field`, `office`…), in the messages that name one.
kind-name = { $kind }

label-error = error
label-warning = warning
more-warnings = … and { $count } more warnings like this one (`congkhai check --format json` lists every one)

## Summaries of the commands

built = Built { $procedures } procedures, { $pages } pages, { $files } files ({ $written } written, { $unchanged } unchanged{ $deleted }) into { $output } in { $seconds } s{ $warnings }
built-rendered = { $rendered } of { $pages } pages rendered; the others were unchanged in what they are made of
built-sheets = print packs: { $drawn } sheets drawn, { $taken } taken as they were from the packs in place
built-deleted = , { $count } deleted
up-to-date = Nothing changed since the last build: { $output } is up to date ({ $procedures } procedures, { $pages } pages); use --force to build anyway
build-failed = Build failed: { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}{ $warnings }; { $output } was left unchanged
build-stopped = Build failed; { $output } was left unchanged
count-warnings = { $count ->
    [0] {""}
    [one] , 1 warning
   *[other] , { $count } warnings
}
checked = Checked { $root } in { $seconds } s: { $found }
found-nothing = no problems
found-errors = { $count ->
    [one] 1 error
   *[other] { $count } errors
}
found-warnings = { $count ->
    [one] 1 warning
   *[other] { $count } warnings
}
found-both = { $errors }, { $warnings }
not-a-folder = { $path } is not a folder
cannot-serve = cannot serve: { $problem }
fix-catalogues = fix the catalogues first
import-stopped = The import stopped; the site's content is as it was before.
nothing-written = Nothing was written.
created-site = Created a site with { $count } files in { $dir }; build it with: congkhai build --root { $dir }
created-procedure = Created { $path }: fill in the fields, then run `congkhai check`
imported-list = Imported { $source } in { $seconds } s: { $created } new procedures, { $updated } updated, { $kept } kept; { $fields } new fields, { $agencies } new agencies{ $warnings }
imported-records = Imported { $source } in { $seconds } s: { $created } new procedures, { $updated } updated, { $unchanged } unchanged, { $conflicts } not applied; { $entries } new catalogue entries{ $warnings }
procedures-exist = { $count ->
    [one] 1 procedure exists already and was left as it is
   *[other] { $count } procedures exist already and were left as they are
}
use-update-list = (use --update to refresh their name, field and agencies)
use-update = (use --update to refresh them)
left-out-levels = { $count ->
    [one] 1 procedure
   *[other] { $count } procedures
} left out: not carried out at { $levels }
bad-date = `{ $text }` is not a day written YYYY-MM-DD

## Help

help-about = Static sites that publish administrative procedures: one permanent page per procedure.
help-usage = Usage
help-commands = Commands
help-options = Options
help-arguments = Arguments
help-help = Print help
help-version = Print version
help-subcommand-help = Print this message or the help of the given subcommand(s)
help-lang = Language of messages: vi (the default) or en; also CONGKHAI_LANG, or LANG=en…

## Diagnostics: file format (TOML, from the toml and serde crates)

toml-unknown-near = unknown field `{ $key }` (did you mean `{ $near }`?)
toml-unknown = unknown field `{ $key }`, expected { $expected }
toml-missing = missing field `{ $key }`
toml-date = invalid type: { $found }, expected a TOML datetime: write a date as year-month-day without quotes, e.g. `updated = 2025-07-15`
toml-date-string = invalid type: string "{ $value }", expected a TOML datetime: write a date as year-month-day without quotes, e.g. `updated = 2025-07-15`
toml-string-or-table = wanted string or table
toml-type = invalid type: { $found }, expected { $expected }
toml-unclosed-table = unclosed array table, expected `]`
toml-duplicate-key = duplicate key `{ $key }`
toml-variant = unknown variant `{ $value }`, expected { $expected }

## Diagnostics: procedures

duplicate-code = duplicate procedure code { $code }: { $other } has it already
bad-code = `{ $code }` is not a national procedure code like 1.001193
code-not-file = code { $code } does not match the file name { $file }.md; a procedure file is named after its code
empty-name = name is empty: write the full name of the procedure
empty-short-name = short_name is empty: leave it out to use the name, or write a short name
empty-levels = levels is empty: name at least one level that handles the procedure
unit-no-amount = time_limit has a `unit` but no `amount`
empty-time-limit = time_limit is empty: give `amount` and `unit`, or a `note`
fee-needs = a fee needs an `amount` in đồng, a `text`, or both
form-missing = form file `{ $file }` not found in { $dir }/
no-channels = no channels: the page cannot say how long the procedure takes or what it costs
no-offices = no offices: the page cannot say where to submit the application (the procedure names none in `offices`, and no office's `receives` rule matches it)
online-no-url = the procedure is offered online but has no online_url; citizens will not find where to submit
empty-document = a document row has an empty `name`
needs-form = `{ $name }` is to be written on a form ("theo mẫu") but names none: add the file to `forms`, or its name to `form_names`
unknown-key = unknown { $kind } `{ $key }`: it is not declared in { $file } (did you mean `{ $near }`?)
unknown-key-plain = unknown { $kind } `{ $key }`: it is not declared in { $file }
change-note = a change needs a note saying what changed (minor edits need no [[changes]] entry)
step-starter = step `{ $step }` is still the starter's: write the step

## Diagnostics: catalogues and configuration

catalog-missing = catalogue file is missing
key-twice = { $kind } key `{ $key }` is declared twice
bad-time = `{ $time }` is not a time of day like 07:30
closes-before = closes at { $closes } but opens at { $opens }: closing must come after opening
no-days = opening hours list no days
office-receives-nothing = office `{ $office }` receives no procedure: give it `receives` rules, or name it in procedures' `offices`
rule-matches-nothing = office `{ $office }`: rule { $rule } of `receives` matches no procedure; check its keys
starter-base-url = base_url is still the starter's example address ({ $url }): the codes on printed posters and labels would lead nowhere — set the province's own domain before printing
starter-hotline = hotline `{ $label }` is still the starter's `{ $number }`: give the real number

## Help of each command and option (`help-<command>` and `help-<command>-<option>`)

help-build = Build the site into a folder of static files.
help-check = Check the site without writing anything: everything `build` checks, plus every link and anchor of the rendered pages and offices without opening hours.
help-serve = Serve the site on 127.0.0.1, rebuild on every change, reload the browser tab.
help-import = Import national procedure records (a folder of .json files, or one .jsonl file) or the portal's "DANH SÁCH THỦ TỤC HÀNH CHÍNH" (.xlsx or .csv): one procedure file per record or row, plus the catalogue entries they name. Never overwrites a file without --update.
help-new = Create a new site or a new procedure file.
help-root = The site root (where congkhai.toml is).
help-build-output = Where to write the site; replaced only when the build succeeds [default: ROOT/site].
help-build-quiet = Print only problems, no summary.
help-build-force = Build even if nothing changed since the last successful build.
help-build-timings = Print how long each stage of the build took.
help-build-date = Publish the catalogue as it stands on this day, YYYY-MM-DD [default: today in Vietnam]. Procedures in effect later are announced, not listed; repeals take effect on their day.
help-check-format = How to print the problems: text (to read) or json (for editors and CI).
help-check-strict = Exit with 1 on warnings too, not only on errors.
help-check-date = Check the catalogue as it stands on this day, YYYY-MM-DD, as `build --date` publishes it [default: today in Vietnam].
help-serve-port = The port to listen on (0: any free port).
help-import-list = The records folder, the .jsonl file, or the exported list.
help-import-level = Level for new procedures (the list does not say) [default: the first level].
help-import-kind = Kind for new procedures [default: the first kind].
help-import-levels = National records only: import just the procedures carried out at these levels (keys, comma-separated: `--levels tinh,xa`); ministry-only procedures stay out.
help-import-update = Refresh procedures that exist already: from a list, their name, field and executing agencies; from records, everything the national record says (the province's offices, online link, short name, keywords and notes are kept).
help-site = A minimal site that builds: configuration, catalogues, one procedure, one page.
help-site-dir = The folder to create (absent or empty).
help-procedure = A procedure file with every field, commented, listing this site's catalogue keys.
help-procedure-code = The national procedure code, e.g. 1.001193.
help-default = default

## Diagnostics: statistics

stats-disagree = { $scope }: published { $indicator } { $published } % disagrees with the counts, which give { $computed } %
stats-balance = { $scope }: carried over { $carried } + received { $received } - resolved { $resolved } - withdrawn { $withdrawn } - returned { $returned } = { $expected }, but pending is { $pending }

## Diagnostics: import of national records and offices

import-no-unit = `{ $mode }`: time limit `{ $amount }` has no unit; the page says the source gives none — check it against the announcing decision
import-small-fee-hint = `{ $mode }`: fee of `{ $amount }` đồng is implausibly small; its text names { $named } — kept as the source says; check it
import-small-fee = `{ $mode }`: fee of `{ $amount }` đồng is implausibly small — kept as the source says; check it
import-not-address = not an address, so no office is made; kept as the procedure's note: `{ $text }`
import-ambiguous = { $mode }: `{ $text }` can be read as more than one time limit and fee; kept as text
import-portal-text = text of the portal's `{ $section }` section after the table dropped: `{ $text }`
import-legal-title = legal basis kept as a title without a number: `{ $text }`
import-long-name = { $count } characters where a name belongs: not made a catalogue entry, kept as the procedure's text (`{ $text }`)
import-group = { $kind } — { $warnings } in { $records } (e.g. { $examples })
import-warnings = { $count ->
    [one] 1 warning
   *[other] { $count } warnings
}
import-records = { $count ->
    [one] 1 record
   *[other] { $count } records
}
parsed = Parsed: { $channels } channel rows ({ $channels_text } kept as text), { $documents } document rows ({ $groups_text } groups kept as text), { $legal } legal documents ({ $legal_text } without a number), { $results } results, { $steps } steps; { $reduced } procedures with tables kept as text so that they build
office-no-hotline = office `{ $office }` has no hotline or phone: its posters show the site's hotlines instead
office-starter = office `{ $office }`: { $what } is still the starter's `{ $value }`: posters and pages would print it
import-no-unit-kind = time limit … has no unit; the page says the source gives none — check it against the announcing decision
import-small-fee-kind = fee of … đồng is implausibly small — kept as the source says; check it
import-small-fee-hint-kind = fee of … đồng is implausibly small; its text names { $named } — kept as the source says; check it
import-not-address-kind = not an address, so no office is made; kept as the procedure's note: …

## Preview server

serving = Serving { $root } at { $address } (Ctrl+C to stop)
rebuilt = Rebuilt in { $ms } ms ({ $files } files; { $stages })
serve-failed = Build failed: { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}; still serving the last good build
serve-repeated = ({ $repeated ->
    [one] 1 warning
   *[other] { $repeated } warnings
} as before, not repeated; { $gone } gone)
made-all = Made all { $files } files in { $ms } ms{ $warnings }
render-failed = Rendering failed: { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}

## Diagnostics: more of procedures, catalogues and configuration

listed-twice = `{ $key }` is listed twice in { $what }
other-fields-repeat = other_fields repeats `field`
fee-impossible = a fee of { $amount } đồng is impossible (at most { $max } đồng); check the number
fees-unknown-listed = fees_unknown = true says the fees are not published, but fees are listed
channel-twice = channel `{ $mode }` is listed { $count } times; give each a `condition` saying when it applies
empty-entry-name = { $kind } `{ $key }` has an empty name
bad-key = { $kind } key `{ $key }` must be lower-case ASCII letters and digits joined by single hyphens, at most 64 characters (it becomes part of a URL)
not-absolute-url = `{ $url }` is not an absolute URL like https://tthc.example.gov.vn/
not-https = `{ $url }` must start with https://
no-front-matter = expected front matter: the file must start with a line `+++`, then TOML, then `+++`
front-matter-open = front matter is not closed: add a line `+++` after the TOML

## Diagnostics: files, links, configuration, statistics, output

not-utf8 = file is not valid UTF-8
link-to-folder = is a link to a folder; links to folders are not followed (move the folder here instead)
link-to-nothing = is a link to nothing; remove it
control-removed = control character U+{ $code } removed{ $more }: text may not hold control characters
no-config = no congkhai.toml here: is `{ $root }` the root of a congkhai site?
http-base-url = base_url uses http://; printed QR codes should point to an https:// address
no-hours = office `{ $office }` has no opening hours: citizens cannot tell when to come
broken-link = broken link `{ $link }`: no page or file /{ $route } in the site{ $hint }
no-anchor = link `{ $link }`: the page /{ $route } has no anchor `#{ $anchor }`
image-elsewhere = image `{ $image }` is on another site: every reader's browser would contact it; put the image in static/ and link it from there
link-scheme = link `{ $link }` uses the `{ $scheme }:` scheme; only https, http, mailto and tel links are published
link-no-scheme = link `{ $link }` has no scheme; write https://… for external sites
link-leaves = link `{ $link }` leaves the site
bad-file-name = file names that are published must use only ASCII letters, digits, `-`, `_` and `.` (no spaces or diacritics), so their URLs work everywhere
not-md = not a .md file; ignored
page-file-name = page file names must be lower-case ASCII words joined by hyphens, like `lien-he.md` (the name becomes the URL)
written-twice = `{ $file }` would be written twice, also by { $other }; rename one of them
poster-too-full = the poster of { $code } cannot fit on one A4 sheet, even with its documents left out: shorten `short_name`, a channel's time limit or fees, or an office's name
text-too-long = { $kind } `{ $key }`: { $what } is { $length } characters; at most { $max } fit on pages and posters — shorten it
theme-missing = theme `{ $name }` not found: expected a folder themes/{ $name }/
replaced-needs = status = "replaced" needs replaced_by = "<code of the new procedure>"
replaced-only = replaced_by is only meaningful with status = "replaced"
repealed-active = repealed_on is set but status is active; set status = "repealed" or "replaced"
sub-no-heading = `{ $name }` is marked `sub` but no heading row comes before it
period-overlap = period `{ $a }` ({ $a_from } – { $a_to }) overlaps period `{ $b }` ({ $b_from } – { $b_to }) of the same kind
rate-range = published { $indicator } is { $rate } %: a rate is between 0 and 100
count-negative = count `{ $count }` is negative ({ $value })
period-backwards = the period ends before it starts
period-file-name = a period file name must be lower-case ASCII words joined by hyphens, like `2025-q1.toml` (it becomes the address)
stats-numerator = { $scope }: indicator `{ $indicator }` has numerator { $numerator } larger than denominator { $denominator }
control-removed-more = control character U+{ $code } removed (and { $count } more in this file): text may not hold control characters

## Diagnostics: the rest of procedures, catalogues, configuration, statistics and output

cannot-read = cannot read: { $problem }
control-written = `{ $written }` is the control character U+{ $code }: text may not hold control characters; remove it
host-files = the site has { $files } files; { $host } takes { $max } at most — leave out the print packs (`[print] pdf = false`) or choose another host
host-file-size = { $file } is { $size } MiB; { $host } takes files of { $max } MiB at most
host-site-size = the site is { $size } MiB; { $host } takes { $max } MiB at most
host-redirects = the site has { $count } redirects (renamed keys); { $host } applies { $max } at most from `_redirects` — the pages left at the old addresses still send visitors on
print-fonts-missing = the print packs need the fonts { $fonts } as TrueType fonts (.ttf with glyph outlines): put them in the theme's fonts/ folder, or set `[print] pdf = false`
field-nothing-in-force = field `{ $field }` has no procedure in force: no poster or label sheet is made for it
page-name-taken = the page name `{ $name }` is taken by generated pages; rename the file
channel-starter = channel `{ $mode }` still holds the starter's `…` (time limit or fee): the page says "Chưa có thông tin" until it is filled in
url-not-absolute = { $field }: `{ $url }` is not an absolute https:// (or http://) address
url-too-long = { $field }: the address is longer than { $max } characters
url-bad-char = { $field }: `{ $url }` contains { $what }; write it percent-encoded or remove it
url-credentials = { $field }: `{ $url }` carries a user name or password before the host; publish the address without them
url-no-host = { $field }: `{ $url }`: there is no host name
url-bad-host = { $field }: `{ $url }`: `{ $host }` is not a host name like tthc.camau.gov.vn
row-has-counts = the { $kind } row `{ $name }` has counts; only documents have originals and copies
one-of-misplaced = `one_of` belongs on a heading row (kind = "heading"), not on `{ $name }`
replaced-circle = replaced_by leads in a circle back through { $code }; the chain must end at a procedure in force
replaced-repealed = replaced_by leads to { $code }, which is repealed; point it at the procedure in force
needs-repealed-on = status = "{ $status }" needs repealed_on = <date>, so the page can say since when
effective-after-repeal = effective = { $effective } is not before repealed_on = { $repealed }: the procedure would never be in effect
own-reference = a procedure cannot be its own { $what }
urls-prefix-bad = urls.{ $name } = "{ $prefix }" must be lower-case ASCII letters, digits and single hyphens
urls-prefix-twice = urls.{ $name } = "{ $prefix }" is used twice; each kind of page needs its own prefix
theme-name-bad = theme = "{ $name }" must be a folder name under themes/
synonym-empty = search.synonyms: a word or meaning is empty
synonym-no-words = search.synonyms: `words` lists no word for this meaning
template-error = template error: { $problem }
form-not-document = a form must be a document ({ $allowed }): other files, such as .svg or .html, could run scripts on the site's own address
rule-names-nothing = office `{ $office }`: a `receives` rule names nothing; give `levels`, `fields`, `agencies`, `procedures` or `anywhere = true`
map-range = map: lat must be between -90 and 90 and lon between -180 and 180
old-key-bad = old key `{ $key }` must be lower-case ASCII letters and digits joined by single hyphens
old-key-in-use = old key `{ $key }` is the key of a { $kind } now; an address cannot both redirect and be a page
old-key-twice = old key `{ $key }` is listed twice; it can redirect to one { $kind } only
stats-parts = { $scope }: the parts of `{ $total }` add up to { $sum }, more than its { $whole }
stats-part-larger = { $scope }: { $part } = { $sum } is larger than its whole `{ $whole }` = { $value }
index-value = { $index } { $period }: value { $value } is impossible for an index{ $more }
index-change = { $index } { $period }: a change of { $value } is impossible for this index
index-rank = { $index } { $period }: rank { $rank } out of { $count } is impossible
stats-not-toml = not a .toml file; ignored (statistics periods are `<period>.toml`)
indicator-key-bad = indicator key `{ $key }` must be lower-case ASCII words joined by hyphens
indicator-twice = indicator `{ $key }` is declared twice
indicator-parts = indicator `{ $key }` needs a numerator and a denominator
scope-twice = scope `{ $scope }` appears twice in this period
scope-one = a scope names one level, agency, field or office (or none, for the whole province)

## Errors that stop a command

dir-not-empty = { $dir } exists and is not empty; choose a new folder
file-exists = { $path } exists already; it is never overwritten
catalogues-have-errors = the site's catalogues have errors; run `congkhai check` first
level-undeclared = level `{ $key }` is not declared in content/catalog/levels.toml
kind-undeclared = kind `{ $key }` is not declared in content/catalog/vocabulary.toml
output-own-files = refusing to write the site into { $dir }: it would replace the site's own files; choose an output folder such as site/
output-in-sources = refusing to write the site into { $dir }: it is inside the site's sources ({ $sources }/), where the next build would read it; choose an output folder such as site/
output-a-file = refusing to write the site into { $dir }: it is a file, not a folder; it was left unchanged
output-not-ours = refusing to write the site into { $dir }: the folder is not empty and congkhai did not make it; it was left unchanged. Choose an absent or empty folder, or remove this one yourself
arg-unknown = unexpected argument `{ $arg }`
arg-command-unknown = unrecognized command `{ $arg }`
arg-invalid = invalid value `{ $value }` for `{ $arg }`: { $problem }
arg-missing = a required argument is missing: { $arg }
arg-see-help = See `congkhai --help`, or `congkhai <command> --help`.
arg-choices = possible values: { $values }
qr-too-big = the QR code of { $what } needs version { $version } ({ $modules } modules), above max_version { $max }: { $fix } so printed codes stay easy to scan
