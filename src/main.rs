//! The `congkhai` command line: parses arguments, runs a command, prints problems and a
//! one-line summary, and exits with 0 (done), 1 (problems in the site's files) or 2 (could
//! not run).

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use congkhai::date::Date;
use congkhai::diagnostic::{Diagnostic, Diagnostics, Severity};
use congkhai::messages::{self, Arg, Lang, text};
use congkhai::{BuildError, BuildOptions};
use std::error::Error as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// A build allocates many short-lived strings and template values on every thread; glibc's
/// allocator spent about a third of a build's CPU time on them, mimalloc a fraction.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (v2 and v3): how long freed memory waits before it
/// goes back to the OS; -1 never. Returned memory is faulted in, and zeroed, again when the
/// next pages are rendered: about a fifth of a build's CPU time. A build is short; the
/// memory goes back when it exits.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Static sites that publish administrative procedures: one permanent page per procedure.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of messages: vi (the default) or en; also CONGKHAI_LANG, or LANG=en…
    #[arg(long, global = true, value_name = "vi|en")]
    lang: Option<String>,
}

/// The language asked for with `--lang` (read before the arguments are parsed, so that
/// help and argument errors are in it too), else the environment's.
fn language() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang") {
            Some(rest) if rest.starts_with('=') => Lang::parse(&rest[1..]),
            Some("") => args.get(i + 1).and_then(|v| Lang::parse(v)),
            _ => None,
        })
        .unwrap_or_else(Lang::from_env)
}

/// The command line in the current language: in Vietnamese, every command's and option's
/// help from the catalogue (`help-<command>`, `help-<command>-<option>`), and clap's own
/// headings and flags too.
fn command_line() -> clap::Command {
    let cmd = Cli::command();
    if messages::current() == Lang::En {
        return cmd;
    }
    localized(cmd, None)
}

fn localized(cmd: clap::Command, parent: Option<&str>) -> clap::Command {
    let name = cmd.get_name().to_string();
    let id = if parent.is_none() {
        "help-about".to_string()
    } else {
        format!("help-{name}")
    };
    let mut cmd = cmd
        .help_template(format!(
            "{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
            text("help-usage", &[])
        ))
        .subcommand_help_heading(text("help-commands", &[]))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(text("help-help", &[]))
                .help_heading(text("help-options", &[])),
        );
    if let Some(about) = messages::maybe(&id) {
        cmd = cmd.about(about);
    }
    if parent.is_none() {
        cmd = cmd.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(text("help-version", &[]))
                .help_heading(text("help-options", &[])),
        );
    }
    let args: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|a| a != "help" && a != "version")
        .collect();
    for arg in args {
        let help = messages::maybe(&format!("help-{name}-{arg}"))
            .or_else(|| messages::maybe(&format!("help-{arg}")));
        cmd = cmd.mut_arg(&arg, |a| {
            let heading = if a.is_positional() {
                "help-arguments"
            } else {
                "help-options"
            };
            // clap's "[default: …]" and "[possible values: …]" said in the catalogue's words.
            let default: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let help = help.map(|h| match default.as_slice() {
                [] => h,
                values => format!("{h} [{}: {}]", text("help-default", &[]), values.join(", ")),
            });
            let mut a = a.help_heading(text(heading, &[]));
            if a.get_action().takes_values() {
                a = a.hide_default_value(true).hide_possible_values(true);
            }
            match help {
                Some(help) => a.help(help),
                None => a,
            }
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(&sub, |s| localized(s, Some(&name)));
    }
    cmd
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder of static files.
    Build {
        /// The site root (where congkhai.toml is).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; replaced only when the build succeeds [default: ROOT/site].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Print only problems, no summary.
        #[arg(long, short)]
        quiet: bool,
        /// Build even if nothing changed since the last successful build.
        #[arg(long)]
        force: bool,
        /// Print how long each stage of the build took.
        #[arg(long)]
        timings: bool,
        /// Publish the catalogue as it stands on this day, YYYY-MM-DD [default: today in
        /// Vietnam]. Procedures in effect later are announced, not listed; repeals take
        /// effect on their day.
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
    },
    /// Check the site without writing anything: everything `build` checks, plus every link
    /// and anchor of the rendered pages and offices without opening hours.
    Check {
        /// The site root (where congkhai.toml is).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print the problems.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Exit with 1 on warnings too, not only on errors.
        #[arg(long)]
        strict: bool,
        /// Check the catalogue as it stands on this day, YYYY-MM-DD, as `build --date`
        /// publishes it [default: today in Vietnam].
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
    },
    /// Serve the site on 127.0.0.1, rebuild on every change, reload the browser tab.
    Serve {
        /// The site root (where congkhai.toml is).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on (0: any free port).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
    },
    /// Import national procedure records (a folder of .json files, or one .jsonl file) or
    /// the portal's "DANH SÁCH THỦ TỤC HÀNH CHÍNH" (.xlsx or .csv): one procedure file per
    /// record or row, plus the catalogue entries they name. Never overwrites a file without
    /// --update.
    Import {
        /// The records folder, the .jsonl file, or the exported list.
        list: PathBuf,
        /// The site root (where congkhai.toml is).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Level for new procedures (the list does not say) [default: the first level].
        #[arg(long)]
        level: Option<String>,
        /// Kind for new procedures [default: the first kind].
        #[arg(long)]
        kind: Option<String>,
        /// National records only: import just the procedures carried out at these levels
        /// (keys, comma-separated: `--levels tinh,xa`); ministry-only procedures stay out.
        #[arg(long, value_delimiter = ',')]
        levels: Vec<String>,
        /// Refresh procedures that exist already: from a list, their name, field and executing
        /// agencies; from records, everything the national record says (the province's
        /// offices, online link, short name, keywords and notes are kept).
        #[arg(long)]
        update: bool,
    },
    /// Create a new site or a new procedure file.
    #[command(subcommand)]
    New(New),
}

#[derive(Subcommand)]
enum New {
    /// A minimal site that builds: configuration, catalogues, one procedure, one page.
    Site {
        /// The folder to create (absent or empty).
        dir: PathBuf,
    },
    /// A procedure file with every field, commented, listing this site's catalogue keys.
    Procedure {
        /// The national procedure code, e.g. 1.001193.
        code: String,
        /// The site root (where congkhai.toml is).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// `error: FILE:LINE:COL: message`, with the offending line.
    Text,
    /// One JSON object, for editors and CI.
    Json,
}

/// `--date`: a calendar day written YYYY-MM-DD.
fn parse_date(written: &str) -> Result<Date, String> {
    Date::parse_iso(written).ok_or_else(|| text("bad-date", &[("text", written.into())]))
}

/// A write past the file-size limit (`ulimit -f`, a quota) kills the process with SIGXFSZ
/// before it can say anything. Ignored, the write fails with an error instead, which every
/// command reports as it reports a full disk: one message, exit code 2.
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: sets the disposition of one signal to "ignore"; no handler runs.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

fn main() -> ExitCode {
    // SAFETY: sets a plain integer option of the allocator; no memory is touched.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    ignore_file_size_signal();
    messages::set(language());
    let matches = command_line()
        .try_get_matches()
        .unwrap_or_else(|e| argument_error(e));
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => argument_error(e),
    };
    match cli.command {
        Command::Build {
            root,
            output,
            quiet,
            force,
            timings,
            date,
        } => build(root, output, quiet, force, timings, date),
        Command::Check {
            root,
            format,
            strict,
            date,
        } => check(&root, format, strict, date),
        Command::Serve { root, port } => {
            let print_root = root.clone();
            let printer = move |d: &Diagnostics| print_diagnostics(d.clone(), &print_root);
            match congkhai::serve::serve(congkhai::serve::Options { root, port }, printer) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    let problem = e.to_string();
                    eprintln!(
                        "{}: {}",
                        text("label-error", &[]),
                        text("cannot-serve", &[("problem", Arg::from(&problem))])
                    );
                    ExitCode::from(2)
                }
            }
        }
        Command::Import {
            list,
            root,
            update,
            levels,
            ..
        } if is_records(&list) => import_records(congkhai::national::Options {
            root,
            source: list,
            update,
            today: congkhai::date::Date::today(),
            levels,
        }),
        Command::Import {
            list,
            root,
            update,
            levels,
            ..
        } if congkhai::national::export::is_export(&list) => {
            let options = congkhai::national::Options {
                root,
                source: list,
                update,
                today: congkhai::date::Date::today(),
                levels: levels.clone(),
            };
            let started = Instant::now();
            let result = congkhai::national::export::import(&options);
            report_import(
                result,
                &options.source,
                &options.root,
                options.update,
                &levels,
                started,
            )
        }
        Command::Import {
            list,
            root,
            level,
            kind,
            update,
            ..
        } => import(congkhai::import::Options {
            root,
            list,
            level,
            kind,
            update,
            today: congkhai::date::Date::today(),
        }),
        Command::New(New::Site { dir }) => match congkhai::scaffold::new_site(&dir) {
            Ok(files) => {
                let dir = dir.display().to_string();
                println!(
                    "{}",
                    text(
                        "created-site",
                        &[("count", files.len().into()), ("dir", Arg::from(&dir))]
                    )
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                error(&e);
                ExitCode::from(2)
            }
        },
        Command::New(New::Procedure { code, root }) => {
            match congkhai::scaffold::new_procedure(&root, &code, congkhai::date::Date::today()) {
                Ok(path) => {
                    let path = path.display().to_string();
                    println!(
                        "{}",
                        text("created-procedure", &[("path", Arg::from(&path))])
                    );
                    ExitCode::SUCCESS
                }
                Err(congkhai::scaffold::ScaffoldError::Catalog(diags)) => {
                    print_diagnostics(diags, &root);
                    error_id("fix-catalogues");
                    ExitCode::from(1)
                }
                Err(e) => {
                    error(&e);
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// Help and the version as clap prints them; a mistake in the arguments said in the
/// current language (clap's own words in English), then exit 2.
fn argument_error(e: clap::Error) -> ! {
    use clap::error::{ContextKind, ErrorKind};
    if messages::current() == Lang::En
        || matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
        || matches!(
            e.kind(),
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        e.exit()
    }
    let context = |kind| e.get(kind).map(ToString::to_string).unwrap_or_default();
    let (arg, value) = (
        context(ContextKind::InvalidArg),
        context(ContextKind::InvalidValue),
    );
    let said = match e.kind() {
        ErrorKind::UnknownArgument => text("arg-unknown", &[("arg", Arg::from(&arg))]),
        ErrorKind::InvalidSubcommand => {
            let command = context(ContextKind::InvalidSubcommand);
            text("arg-command-unknown", &[("arg", Arg::from(&command))])
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            // Our own value parsers (dates) already speak the current language.
            let problem = e.source().map(ToString::to_string).unwrap_or_else(|| {
                let values = context(ContextKind::ValidValue);
                text("arg-choices", &[("values", Arg::from(&values))])
            });
            text(
                "arg-invalid",
                &[
                    ("value", Arg::from(&value)),
                    ("arg", Arg::from(&arg)),
                    ("problem", Arg::from(&problem)),
                ],
            )
        }
        ErrorKind::MissingRequiredArgument => text("arg-missing", &[("arg", Arg::from(&arg))]),
        _ => e
            .to_string()
            .trim_start_matches("error: ")
            .trim()
            .to_string(),
    };
    eprintln!(
        "{}: {said}\n\n{}",
        text("label-error", &[]),
        text("arg-see-help", &[])
    );
    std::process::exit(2)
}

/// `error: <what went wrong>` on stderr, the label in the current language.
fn error(e: &dyn std::fmt::Display) {
    eprintln!(
        "{}: {}",
        text("label-error", &[]),
        messages::diagnostic(&e.to_string())
    );
}

/// `error: <message id's text>` on stderr.
fn error_id(id: &str) {
    eprintln!("{}: {}", text("label-error", &[]), text(id, &[]));
}

fn build(
    root: PathBuf,
    output: Option<PathBuf>,
    quiet: bool,
    force: bool,
    timings: bool,
    date: Option<Date>,
) -> ExitCode {
    let started = Instant::now();
    let output = output.unwrap_or_else(|| root.join("site"));
    let options = BuildOptions {
        root: root.clone(),
        output: output.clone(),
        force,
        date,
    };
    let bar = ProgressBar::new(quiet);
    match congkhai::build_with_progress(&options, &bar) {
        Ok(report) => {
            let warnings = report.warnings.warning_count();
            print_diagnostics(report.warnings, &root);
            let shown = output.display().to_string();
            if !quiet && report.up_to_date {
                println!(
                    "{}",
                    text(
                        "up-to-date",
                        &[
                            ("output", Arg::from(&shown)),
                            ("procedures", report.procedures.into()),
                            ("pages", report.pages.into()),
                        ]
                    )
                );
            } else if !quiet {
                let deleted = match report.deleted {
                    0 => String::new(),
                    n => text("built-deleted", &[("count", n.into())]),
                };
                let seconds = seconds(started);
                let warnings = plural_warnings(warnings);
                println!(
                    "{}",
                    text(
                        "built",
                        &[
                            ("procedures", report.procedures.into()),
                            ("pages", report.pages.into()),
                            ("files", report.files.into()),
                            ("written", report.written.into()),
                            ("unchanged", (report.files - report.written).into()),
                            ("deleted", Arg::from(&deleted)),
                            ("output", Arg::from(&shown)),
                            ("seconds", Arg::from(&seconds)),
                            ("warnings", Arg::from(&warnings)),
                        ]
                    )
                );
            }
            if timings {
                eprint!("{}", report.timings.report());
                eprintln!(
                    "  {}",
                    text(
                        "built-rendered",
                        &[
                            ("rendered", report.rendered.into()),
                            ("pages", report.pages.into()),
                        ]
                    )
                );
                if report.sheets != congkhai::render::Sheets::default() {
                    eprintln!(
                        "  {}",
                        text(
                            "built-sheets",
                            &[
                                ("drawn", report.sheets.drawn.into()),
                                ("taken", report.sheets.taken.into()),
                            ]
                        )
                    );
                }
            }
            ExitCode::SUCCESS
        }
        Err(BuildError::Invalid(diags)) => {
            let (errors, warnings) = (diags.error_count(), diags.warning_count());
            print_diagnostics(diags, &root);
            let shown = output.display().to_string();
            let warnings = plural_warnings(warnings);
            eprintln!(
                "{}",
                text(
                    "build-failed",
                    &[
                        ("errors", errors.into()),
                        ("warnings", Arg::from(&warnings)),
                        ("output", Arg::from(&shown)),
                    ]
                )
            );
            ExitCode::from(1)
        }
        Err(e @ BuildError::Output(_)) => {
            error(&e);
            let shown = output.display().to_string();
            eprintln!(
                "{}",
                text("build-stopped", &[("output", Arg::from(&shown))])
            );
            ExitCode::from(2)
        }
    }
}

fn check(root: &Path, format: Format, strict: bool, date: Option<Date>) -> ExitCode {
    if !root.is_dir() {
        let path = root.display().to_string();
        eprintln!(
            "{}: {}",
            text("label-error", &[]),
            text("not-a-folder", &[("path", Arg::from(&path))])
        );
        return ExitCode::from(2);
    }
    let started = Instant::now();
    let diags = congkhai::check_on(root, date.unwrap_or_else(Date::today));
    let (errors, warnings) = (diags.error_count(), diags.warning_count());
    let failed = errors > 0 || (strict && warnings > 0);
    match format {
        Format::Json => println!("{}", json_report(diags.sorted())),
        Format::Text => {
            print_diagnostics(diags, root);
            let errors_text = text("found-errors", &[("count", errors.into())]);
            let warnings_text = text("found-warnings", &[("count", warnings.into())]);
            let found = match (errors, warnings) {
                (0, 0) => text("found-nothing", &[]),
                (0, _) => warnings_text,
                (_, 0) => errors_text,
                _ => text(
                    "found-both",
                    &[
                        ("errors", Arg::from(&errors_text)),
                        ("warnings", Arg::from(&warnings_text)),
                    ],
                ),
            };
            let (root, seconds) = (root.display().to_string(), seconds(started));
            eprintln!(
                "{}",
                text(
                    "checked",
                    &[
                        ("root", Arg::from(&root)),
                        ("seconds", Arg::from(&seconds)),
                        ("found", Arg::from(&found)),
                    ]
                )
            );
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn import(options: congkhai::import::Options) -> ExitCode {
    let started = Instant::now();
    match congkhai::import::import(&options) {
        Ok(report) => {
            for problem in report.skipped.iter().chain(&report.warnings) {
                eprintln!(
                    "{}: {}: {}",
                    text("label-warning", &[]),
                    options.list.display(),
                    messages::diagnostic(problem)
                );
            }
            if !report.kept.is_empty() {
                eprintln!(
                    "{} {}: {}",
                    procedures_exist(report.kept.len()),
                    text("use-update-list", &[]),
                    report.kept.join(", ")
                );
            }
            let (source, seconds) = (options.list.display().to_string(), seconds(started));
            let warnings = plural_warnings(report.skipped.len() + report.warnings.len());
            println!(
                "{}",
                text(
                    "imported-list",
                    &[
                        ("source", Arg::from(&source)),
                        ("seconds", Arg::from(&seconds)),
                        ("created", report.created.len().into()),
                        ("updated", report.updated.len().into()),
                        ("kept", report.kept.len().into()),
                        ("fields", report.new_fields.len().into()),
                        ("agencies", report.new_agencies.len().into()),
                        ("warnings", Arg::from(&warnings)),
                    ]
                )
            );
            ExitCode::SUCCESS
        }
        Err(congkhai::import::ImportError::Catalog(diags)) => {
            print_diagnostics(diags, &options.root);
            error_id("fix-catalogues");
            ExitCode::from(1)
        }
        Err(e) => {
            error(&e);
            ExitCode::from(2)
        }
    }
}

/// National records come as a folder of JSON files or one JSON (Lines) file.
fn is_records(path: &Path) -> bool {
    path.is_dir()
        || path
            .extension()
            .is_some_and(|e| e == "json" || e == "jsonl")
}

fn import_records(options: congkhai::national::Options) -> ExitCode {
    let started = Instant::now();
    let result = congkhai::national::import(&options);
    report_import(
        result,
        &options.source,
        &options.root,
        options.update,
        &options.levels,
        started,
    )
}

/// What an import of national records or of the database's export did, and its exit code.
fn report_import(
    result: Result<congkhai::national::Report, congkhai::national::NationalError>,
    source: &Path,
    root: &Path,
    update: bool,
    levels: &[String],
    started: Instant,
) -> ExitCode {
    match result {
        Ok(report) => {
            print_record_warnings(&report.warnings);
            for conflict in &report.conflicts {
                eprintln!("{}: {conflict}", text("label-warning", &[]));
            }
            for (code, keys) in &report.updated {
                println!("updated {code}: {}", keys.join(", "));
            }
            if !report.not_at_levels.is_empty() {
                let levels = levels.join(", ");
                eprintln!(
                    "{}",
                    text(
                        "left-out-levels",
                        &[
                            ("count", report.not_at_levels.len().into()),
                            ("levels", Arg::from(&levels)),
                        ]
                    )
                );
            }
            if !update && !report.unchanged.is_empty() {
                eprintln!(
                    "{} {}",
                    procedures_exist(report.unchanged.len()),
                    text("use-update", &[])
                );
            }
            let c = &report.counts;
            let (source, seconds) = (source.display().to_string(), seconds(started));
            let warnings = plural_warnings(report.warnings.len() + report.conflicts.len());
            println!(
                "{}",
                text(
                    "imported-records",
                    &[
                        ("source", Arg::from(&source)),
                        ("seconds", Arg::from(&seconds)),
                        ("created", report.created.len().into()),
                        ("updated", report.updated.len().into()),
                        ("unchanged", report.unchanged.len().into()),
                        ("conflicts", report.conflicts.len().into()),
                        ("entries", report.new_entries.len().into()),
                        ("warnings", Arg::from(&warnings)),
                    ]
                )
            );
            println!(
                "{}",
                text(
                    "parsed",
                    &[
                        ("channels", c.channel_rows.into()),
                        ("channels_text", c.channel_rows_as_text.into()),
                        ("documents", c.document_rows.into()),
                        ("groups_text", c.document_groups_as_text.into()),
                        ("legal", c.legal_rows.into()),
                        ("legal_text", c.legal_rows_as_text.into()),
                        ("results", c.results.into()),
                        ("steps", c.steps.into()),
                        ("reduced", c.reduced.into()),
                    ]
                )
            );
            ExitCode::SUCCESS
        }
        Err(congkhai::national::NationalError::Catalog(diags)) => {
            print_diagnostics(diags, root);
            error_id("fix-catalogues");
            ExitCode::from(1)
        }
        Err(e @ congkhai::national::NationalError::Io { .. }) => {
            error(&e);
            eprintln!("{}", text("import-stopped", &[]));
            ExitCode::from(2)
        }
        Err(e) => {
            error(&e);
            eprintln!("{}", text("nothing-written", &[]));
            ExitCode::from(1)
        }
    }
}

/// Record warnings grouped by section and kind: each kind once with how many warnings in
/// how many records and the first records it concerns, so thousands of records do not bury
/// the rest.
fn print_record_warnings(warnings: &[congkhai::national::Warning]) {
    const EXAMPLES: usize = 3;
    let mut groups: std::collections::BTreeMap<(&str, String), Vec<&congkhai::national::Warning>> =
        std::collections::BTreeMap::new();
    for w in warnings {
        groups.entry((w.section, w.kind())).or_default().push(w);
    }
    for ((section, kind), list) in groups {
        let mut records: Vec<&str> = list.iter().map(|w| w.origin.as_str()).collect();
        records.dedup();
        let label = text("label-warning", &[]);
        if list.len() <= EXAMPLES {
            for w in list {
                eprintln!(
                    "{label}: {}: {}: {}",
                    w.origin,
                    w.section,
                    messages::diagnostic(&w.message)
                );
            }
        } else {
            let shown: Vec<&str> = records.iter().copied().take(EXAMPLES).collect();
            let more = if records.len() > EXAMPLES {
                ", …"
            } else {
                ""
            };
            let kind = messages::diagnostic(&kind);
            let warnings = text("import-warnings", &[("count", list.len().into())]);
            let in_records = text("import-records", &[("count", records.len().into())]);
            let examples = format!("{}{more}", shown.join(", "));
            eprintln!(
                "{label}: {section}: {}",
                text(
                    "import-group",
                    &[
                        ("kind", Arg::from(&kind)),
                        ("warnings", Arg::from(&warnings)),
                        ("records", Arg::from(&in_records)),
                        ("examples", Arg::from(&examples)),
                    ]
                )
            );
        }
    }
}

fn json_report(problems: Vec<Diagnostic>) -> String {
    let count = |s| problems.iter().filter(|d| d.severity == s).count();
    let items: Vec<serde_json::Value> = problems
        .iter()
        .map(|d| {
            serde_json::json!({
                "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "file": d.location.file.to_string_lossy(),
                "line": d.location.line,
                "column": d.location.column,
                "message": d.message,
            })
        })
        .collect();
    serde_json::json!({
        "errors": count(Severity::Error),
        "warnings": count(Severity::Warning),
        "problems": items,
    })
    .to_string()
}

/// A progress bar on stderr when it is a terminal (and not `--quiet`); nothing otherwise.
struct ProgressBar(Option<indicatif::ProgressBar>);

impl ProgressBar {
    fn new(quiet: bool) -> Self {
        let shown = !quiet && std::io::stderr().is_terminal();
        ProgressBar(shown.then(|| {
            let bar = indicatif::ProgressBar::hidden();
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
            {
                bar.set_style(style);
            }
            bar
        }))
    }
}

impl congkhai::render::Progress for ProgressBar {
    fn start(&self, total: usize) {
        if let Some(bar) = &self.0 {
            bar.set_length(total as u64);
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn advance(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// "1 procedure exists already and was left as it is", "3 procedures exist … they are".
fn procedures_exist(n: usize) -> String {
    text("procedures-exist", &[("count", n.into())])
}

/// ", 3 warnings" after a summary, or nothing.
fn plural_warnings(n: usize) -> String {
    text("count-warnings", &[("count", n.into())])
}

/// Seconds since `started`, to two decimals.
fn seconds(started: Instant) -> String {
    format!("{:.2}", started.elapsed().as_secs_f64())
}

/// Prints problems to stderr, with colour only on a terminal (and never with NO_COLOR).
/// Prints every error, and each kind of warning up to a few times: a catalogue of
/// thousands of imported procedures would otherwise bury the rest under one repeated
/// warning. `congkhai check --format json` lists every one.
fn print_diagnostics(diags: Diagnostics, root: &Path) {
    const SHOWN: usize = 3;
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let sorted = diags.sorted();
    let mut kinds: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for d in sorted.iter().filter(|d| d.severity == Severity::Warning) {
        *kinds.entry(warning_kind(&d.message)).or_default() += 1;
    }
    let mut printed: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for d in &sorted {
        if d.severity == Severity::Warning {
            let kind = warning_kind(&d.message);
            let seen = printed.entry(kind.clone()).or_default();
            *seen += 1;
            if *seen > SHOWN {
                continue;
            }
            eprintln!("{}", d.render(root, colour));
            let total = kinds[&kind];
            if *seen == SHOWN && total > SHOWN {
                eprintln!(
                    "{}",
                    text("more-warnings", &[("count", (total - SHOWN).into())])
                );
            }
        } else {
            eprintln!("{}", d.render(root, colour));
        }
    }
}

/// A warning's message with the names in it (`…`) left out, so warnings about different
/// entries count as one kind.
fn warning_kind(message: &str) -> String {
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { "…" } else { part })
        .collect()
}
