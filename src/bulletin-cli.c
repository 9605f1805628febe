/* bulletin-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bulletin-cli.h"
#include "bulletin-cli-checks.h"
#include "bulletin-clock.h"
#include "bulletin-diary.h"
#include "bulletin-eml.h"
#include "bulletin-export.h"
#include "bulletin-file.h"
#include "bulletin-html.h"
#include "bulletin-library.h"
#include "bulletin-markdown.h"
#include "bulletin-spell.h"
#include "bulletin-template.h"
#include "bulletin-text.h"

/* `bulletin --export=FORMAT [--output=FILE] INPUT.md`: exports without a
 * window, a display or a session bus, using only the core. main() calls
 * this before anything touches GTK. */


typedef struct
{
  char *format;
  char *output;
  char *from;
  char *to;
  char *lang;
  char **inputs;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->format);
  g_free (options->output);
  g_free (options->from);
  g_free (options->to);
  g_free (options->lang);
  g_strfreev (options->inputs);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/**
 * bulletin_cli_wants_export:
 * @argc: the argument count
 * @argv: the arguments
 *
 * Returns: %TRUE when the command line asks for an export
 */
gboolean
bulletin_cli_wants_export (int    argc,
                           char **argv)
{
  g_return_val_if_fail (argc == 0 || argv != NULL, FALSE);

  for (int i = 1; i < argc && argv[i] != NULL; i++)
    {
      /* after "--" everything is a file name */
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--export") || g_str_has_prefix (argv[i], "--export="))
        return TRUE;
    }

  return FALSE;
}

static void print_error (const char *message);

/* Whether @option is on the command line, before any "--" */
static gboolean
wants (int         argc,
       char      **argv,
       const char *option)
{
  for (int i = 1; i < argc && argv[i] != NULL; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], option))
        return TRUE;
    }

  return FALSE;
}

/* Bulletin's settings when they have @key: the command line also runs
 * from a build tree, where the schema may not be installed. */
static GSettings *
settings_with_key (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;

  return g_settings_new (APP_ID);
}

/* A preference; NULL when unset or unreadable. */
static char *
string_setting (const char *key)
{
  g_autoptr(GSettings) settings = settings_with_key (key);
  g_autofree char *value = NULL;

  if (settings == NULL)
    return NULL;

  value = g_settings_get_string (settings, key);
  return *value != '\0' ? g_steal_pointer (&value) : NULL;
}

/* The spelling language the window would use (issue 16: --check always
 * checked en_GB): the setting, else the user's language when a
 * dictionary for it is installed. */
static char *
spelling_language (void)
{
  g_autoptr(GSettings) settings = settings_with_key ("spelling-language");
  g_autofree char *language = NULL;

  if (settings == NULL)
    return NULL;

  language = bulletin_spell_choose_language (settings);
  return *language != '\0' ? g_steal_pointer (&language) : NULL;
}

/* The glossary packs the window uses; %NULL (all) when the settings
 * cannot be read, as from a build tree. */
static GStrv
glossary_packs (void)
{
  g_autoptr(GSettings) settings = settings_with_key ("glossary-packs");

  return settings != NULL ? g_settings_get_strv (settings, "glossary-packs") : NULL;
}

/* `bulletin --check FILE...`: one finding per line, as compilers print
 * them, so editors can jump to each; 1 when there are findings, 0 when
 * clean, 2 on an error (the worst of all files). */
static int
run_check (int    argc,
           char **argv)
{
  g_autofree char *language = spelling_language ();
  g_auto(GStrv) packs = glossary_packs ();
  gboolean files_only = FALSE;
  guint n_files = 0;
  int status = 0;

  for (int i = 1; i < argc && argv[i] != NULL; i++)
    {
      int file_status;

      if (!files_only && g_str_equal (argv[i], "--check"))
        continue;
      /* for a script, or a test: which packs, whatever the settings say */
      if (!files_only && g_str_has_prefix (argv[i], "--glossary-packs="))
        {
          g_auto(GStrv) ids = g_strsplit (argv[i] + strlen ("--glossary-packs="), ",", -1);
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

          for (guint j = 0; ids[j] != NULL; j++)
            if (*g_strstrip (ids[j]) != '\0')
              g_strv_builder_add (builder, ids[j]);
          g_strfreev (packs);
          packs = g_strv_builder_end (builder);
          continue;
        }
      if (!files_only && g_str_equal (argv[i], "--"))
        {
          files_only = TRUE;
          continue;
        }
      if (!files_only && argv[i][0] == '-' && argv[i][1] != '\0')
        {
          g_autofree char *message = g_strdup_printf (_("Unknown option “%s” for --check"), argv[i]);

          print_error (message);
          return BULLETIN_CLI_EXIT_USAGE;
        }

      n_files++;
      file_status = bulletin_cli_check_file (argv[i], language, (const char * const *)packs, stdout, stderr);
      status = MAX (status, file_status);
    }

  if (n_files == 0)
    {
      print_error (_("Usage: bulletin --check FILE.md…"));
      return BULLETIN_CLI_EXIT_USAGE;
    }

  return status;
}

static void
print_error (const char *message)
{
  g_printerr ("%s: %s\n", g_get_prgname () != NULL ? g_get_prgname () : "bulletin", message);
}

static gboolean
parse_format (const char *name,
              BulletinExportFormat     *format)
{
  if (name == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (name, "html") == 0)
    *format = BULLETIN_EXPORT_HTML;
  else if (g_ascii_strcasecmp (name, "text") == 0 || g_ascii_strcasecmp (name, "txt") == 0)
    *format = BULLETIN_EXPORT_TEXT;
  else if (g_ascii_strcasecmp (name, "eml") == 0)
    *format = BULLETIN_EXPORT_EML;
  else
    return FALSE;
  return TRUE;
}

/* The same file under another name too: a link, "./", a hard link. */
static gboolean
is_same_file (const char *input,
              const char *output)
{
  GStatBuf a, b;

  if (g_str_equal (input, "-") || g_str_equal (output, "-"))
    return FALSE;
  if (g_stat (input, &a) != 0 || g_stat (output, &b) != 0)
    return FALSE;

  return S_ISREG (a.st_mode) && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static char *
read_stdin (gsize   *len,
            GError **error)
{
  g_autoptr(GString) data = g_string_new (NULL);
  char buf[65536];
  size_t n;

  while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
    {
      g_string_append_len (data, buf, n);
      if (data->len > BULLETIN_FILE_MAX_SIZE)
        {
          g_set_error_literal (error, BULLETIN_FILE_ERROR, BULLETIN_FILE_ERROR_TOO_LARGE,
                               _("The standard input is too large"));
          return NULL;
        }
    }
  if (ferror (stdin))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The standard input could not be read"));
      return NULL;
    }

  return bulletin_file_decode (data->str, data->len, len, NULL, error);
}

static gboolean
write_stdout (GBytes  *bytes,
              GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if ((len > 0 && fwrite (data, 1, len, stdout) != len) || fflush (stdout) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The standard output could not be written"));
      return FALSE;
    }

  return TRUE;
}

static int
run (int    argc,
     char **argv)
{
  g_auto(Options) options = { NULL, };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autoptr(GFile) base = NULL;
  g_autoptr(GFile) output = NULL;
  g_autofree char *language = NULL;
  BulletinExportOptions export_options = { 0 };
  const char *input;
  BulletinExportFormat format;
  gsize len = 0;
  gsize html_size = 0;
  GOptionEntry entries[] = {
    { "export", 0, 0, G_OPTION_ARG_STRING, &options.format,
      N_("Export INPUT as “html”, “text” or “eml” without opening a window"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      N_("Write to FILE instead of the standard output"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options.from,
      N_("The sender of an eml draft, as “Name <address>”"), N_("ADDRESS") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options.to,
      N_("The recipients of an eml draft, separated by commas or semicolons"), N_("ADDRESSES") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &options.lang,
      N_("The update’s language, as “en-GB” or “ar”; the one set in Preferences, else the locale’s"),
      N_("TAG") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.inputs, NULL, N_("INPUT.md") },
    { NULL }
  };

  if (g_get_prgname () == NULL && argc > 0 && argv[0] != NULL)
    {
      g_autofree char *name = g_path_get_basename (argv[0]);

      g_set_prgname (name);
    }

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Exports a Markdown weekly update as an email-ready HTML page, "
                                  "a plain-text email or an unsent .eml draft, without a display.\n"
                                  "INPUT.md may be “-” for the standard input."));
  g_option_context_set_description (context,
                                    _("Examples:\n"
                                      "  bulletin --export=html --output=update.html update.md\n"
                                      "    (images beside update.md are copied into update_files/)\n"
                                      "  bulletin --export=html --lang=ar -o update.html update.md\n"
                                      "  bulletin --export=eml --from=\"Rob <rob@example.org>\" -o update.eml update.md\n"
                                      "  bulletin --export=text - < update.md\n\n"
                                      "Exit status: 0 on success (with a warning when the HTML is over "
                                      "the size Gmail clips at), 2 for a bad command line or a file "
                                      "that cannot be read or written."));

  /* "--export --help" would make "--help" the format */
  for (int i = 1; i < argc && argv[i] != NULL && !g_str_equal (argv[i], "--"); i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h") || g_str_equal (argv[i], "-?"))
      {
        g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

        g_print ("%s", help);
        return 0;
      }

  /* the strv variant frees what it takes out of the copy */
  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      print_error (error->message);
      return BULLETIN_CLI_EXIT_USAGE;
    }

  if (!parse_format (options.format, &format))
    {
      g_autofree char *message =
        g_strdup_printf (_("Unknown export format “%s”; use html, text or eml"),
                         options.format != NULL ? options.format : "");
      print_error (message);
      return BULLETIN_CLI_EXIT_USAGE;
    }

  if (options.inputs == NULL || g_strv_length (options.inputs) != 1)
    {
      print_error (_("Give exactly one Markdown file to export, or “-” for the standard input"));
      return BULLETIN_CLI_EXIT_USAGE;
    }
  input = options.inputs[0];

  if ((options.from != NULL || options.to != NULL) && format != BULLETIN_EXPORT_EML)
    {
      print_error (_("--from and --to only apply to --export=eml"));
      return BULLETIN_CLI_EXIT_USAGE;
    }

  if (options.lang != NULL && !bulletin_export_language_is_valid (options.lang))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is what was given to --lang */
      message = g_strdup_printf (_("“%s” is not a language tag: use one such as “en-GB”, “de” or “ar”"),
                                 options.lang);
      print_error (message);
      return BULLETIN_CLI_EXIT_USAGE;
    }

  if (options.output != NULL && is_same_file (input, options.output))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a file name */
      message = g_strdup_printf (_("The export would replace its own Markdown file “%s”: choose another --output"),
                                 input);
      print_error (message);
      return BULLETIN_CLI_EXIT_USAGE;
    }

  if (g_str_equal (input, "-"))
    {
      text = read_stdin (&len, &error);
      if (text == NULL)
        {
          print_error (error->message);
          return BULLETIN_CLI_EXIT_USAGE;
        }
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (input);

      BulletinFileLoadFlags flags = BULLETIN_FILE_LOAD_CLEAN;

      text = bulletin_file_load (file, NULL, &len, &flags, &error);
      if (text == NULL)
        {
          g_autofree char *message = bulletin_file_describe_error (file, BULLETIN_FILE_OPENING, error);

          print_error (message);
          return BULLETIN_CLI_EXIT_USAGE;
        }
      /* never silently: a file read as Windows-1252 may be in another
       * encoding altogether */
      if (bulletin_file_load_notice (flags) != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("warning: %s: %s"), input, bulletin_file_load_notice (flags));

          print_error (message);
        }
    }

  /* images with a relative address are beside the draft */
  if (!g_str_equal (input, "-"))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (input);

      base = g_file_get_parent (file);
    }
  /* an HTML file takes its images along, in a folder beside it; on the
   * standard output there is nowhere to put them */
  if (options.output != NULL && !g_str_equal (options.output, "-"))
    output = g_file_new_for_commandline_arg (options.output);
  language = options.lang != NULL ? g_strdup (options.lang) : string_setting ("document-language");
  export_options.from = options.from;
  export_options.to = options.to;
  export_options.base = base;
  export_options.language = language;
  export_options.html_output = format == BULLETIN_EXPORT_HTML ? output : NULL;
  bytes = bulletin_export_render_with_options (format, text, len, &export_options,
                                               &html_size, &warnings, &error);
  /* an image left out is no reason to hold the update back */
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    {
      g_autofree char *message = g_strdup_printf (_("warning: %s"), warnings[i]);

      print_error (message);
    }
  if (bytes == NULL)
    {
      print_error (error->message);
      return g_error_matches (error, BULLETIN_EML_ERROR, BULLETIN_EML_ERROR_INVALID_ADDRESS) ||
             g_error_matches (error, BULLETIN_EXPORT_ERROR, BULLETIN_EXPORT_ERROR_EMPTY) ||
             g_error_matches (error, BULLETIN_EXPORT_ERROR, BULLETIN_EXPORT_ERROR_IMAGE_NOT_COPIED)
        ? BULLETIN_CLI_EXIT_USAGE : 1;
    }

  /* the export is still good to send, so this is a warning, not a
   * failure: the author decides whether to shorten the update */
  if (bulletin_html_exceeds_gmail_clip (html_size))
    {
      g_autofree char *size = g_format_size (html_size);
      g_autofree char *message = NULL;

      /* Translators: %s is a size such as "130.2 kB" */
      message = g_strdup_printf (_("warning: the email’s HTML is %s: Gmail shows only about the first 102 kB and hides the rest behind “View entire message”"),
                                 size);
      print_error (message);
    }

  if (options.output == NULL || g_str_equal (options.output, "-"))
    {
      if (!write_stdout (bytes, &error))
        {
          print_error (error->message);
          return BULLETIN_CLI_EXIT_USAGE;
        }
      return 0;
    }

  {
    gsize size;
    const char *data = g_bytes_get_data (bytes, &size);

    /* a failed export never leaves half a file, and never damages the
     * one that was there */
    if (!bulletin_file_replace (output, data, size, NULL, &error))
      {
        g_autofree char *message = bulletin_file_describe_error (output, BULLETIN_FILE_WRITING_OUTPUT, error);

        print_error (message);
        return BULLETIN_CLI_EXIT_USAGE;
      }
  }

  return 0;
}

/* ------------------------------------------------------------------ */
/* bulletin --new-update                                               */
/* ------------------------------------------------------------------ */

static GDateWeekday
preferred_last_day (void)
{
  static const char * const names[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  };
  g_autofree char *value = string_setting ("week-ends-on");

  for (guint i = 0; value != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (value, names[i]))
      return (GDateWeekday) (i + 1);
  return G_DATE_FRIDAY;
}

static GDateTime *
parse_week_ending (const char *text)
{
  int y, m, d, n = 0;

  if (sscanf (text, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || text[n] != '\0' || n != 10
      || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_time_new_local (y, m, d, 0, 0, 0);
}

/* libical prints its parser's complaints straight to the standard error
 * ("icalparser.c:786: Encountered END before BEGIN"), where they would
 * read as ours: they go nowhere while it reads. What is wrong with a
 * file is told in our own words. Returns the saved descriptor, or -1. */
static int
silence_stderr (void)
{
  int saved;
  int null_fd;

  fflush (stderr);
  saved = dup (STDERR_FILENO);
  if (saved < 0)
    return -1;
  null_fd = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  if (null_fd < 0 || dup2 (null_fd, STDERR_FILENO) < 0)
    {
      if (null_fd >= 0)
        close (null_fd);
      close (saved);
      return -1;
    }
  close (null_fd);
  return saved;
}

static void
restore_stderr (int saved)
{
  if (saved < 0)
    return;
  fflush (stderr);
  dup2 (saved, STDERR_FILENO);
  close (saved);
}

/* The diary's bullets for @week_ending from @path; NULL with @error set
 * when the calendar cannot be used. */
static GStrv
diary_bullets (const char  *path,
               GDateTime   *week_ending,
               GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autofree char *owner = string_setting ("sender-email");
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  {
    int saved = silence_stderr ();

    events = bulletin_diary_load (file, week_ending, owner, NULL, error);
    restore_stderr (saved);
  }
  if (events == NULL)
    return NULL;

  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *bullet = bulletin_diary_format_event (events->pdata[i], BULLETIN_DIARY_FORMAT_DEFAULT, NULL);

      g_strv_builder_add (builder, bullet);
    }

  return g_strv_builder_end (builder);
}

/* `bulletin --new-update [--after=LAST.md] [--calendar=FILE.ics]
 * [--week-ending=YYYY-MM-DD]`: this week's draft on the standard output,
 * for an office's Friday script: the weekly template, or last week's
 * update carried forward, with next week's diary from the calendar. */
static int
run_new_update (int    argc,
                char **argv)
{
  g_autofree char *after = NULL;
  g_autofree char *calendar = NULL;
  g_autofree char *week_ending_arg = NULL;
  g_auto(GStrv) rest = NULL;
  g_auto(GStrv) args = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) week_ending = NULL;
  g_autoptr(GPtrArray) unknown = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *template_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sender_name = string_setting ("sender-name");
  g_autofree char *sender_role = string_setting ("sender-role");
  g_autofree char *organisation = string_setting ("organisation");
  gboolean new_update = FALSE;
  gboolean calendar_given;
  BulletinTemplateContext ctx = { 0 };
  GOptionEntry entries[] = {
    { "new-update", 0, 0, G_OPTION_ARG_NONE, &new_update,
      N_("Print this week’s draft as Markdown, without opening a window"), NULL },
    { "after", 0, 0, G_OPTION_ARG_FILENAME, &after,
      N_("Carry last week’s update LAST.md forward instead of starting from the template"), N_("LAST.md") },
    { "calendar", 0, 0, G_OPTION_ARG_FILENAME, &calendar,
      N_("Fill “What’s happening next week?” from the events of the calendar FILE.ics"), N_("FILE.ics") },
    { "week-ending", 0, 0, G_OPTION_ARG_STRING, &week_ending_arg,
      N_("The last day of this week, instead of the coming one"), N_("YYYY-MM-DD") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Prints this week’s weekly update as Markdown on the standard output: the "
                                  "template, or last week’s update carried forward, with next week’s diary "
                                  "from a calendar. Without --calendar, the calendar file set in Preferences "
                                  "is read, if any."));
  g_option_context_set_description (context,
                                    _("Examples:\n"
                                      "  bulletin --new-update > update.md\n"
                                      "  bulletin --new-update --after=last-week.md --calendar=diary.ics > update.md\n\n"
                                      "Exit status: 0 on success, 2 for a bad command line or a file that "
                                      "cannot be read."));

  for (int i = 1; i < argc && argv[i] != NULL && !g_str_equal (argv[i], "--"); i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h") || g_str_equal (argv[i], "-?"))
      {
        g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

        g_print ("%s", help);
        return 0;
      }

  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      print_error (error->message);
      return BULLETIN_CLI_EXIT_USAGE;
    }
  if (rest != NULL && rest[0] != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("--new-update takes no file “%s”: give last week’s update as --after=%s"),
                                                  rest[0], rest[0]);

      print_error (message);
      return BULLETIN_CLI_EXIT_USAGE;
    }

  now = bulletin_clock_now_local ();
  ctx.sender_name = sender_name;
  ctx.sender_role = sender_role;
  ctx.organisation = organisation;

  if (week_ending_arg != NULL)
    {
      week_ending = parse_week_ending (week_ending_arg);
      if (week_ending == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a date: give --week-ending as YYYY-MM-DD, e.g. 2026-12-04"),
                                                      week_ending_arg);

          print_error (message);
          return BULLETIN_CLI_EXIT_USAGE;
        }
      /* that day is the week's last, whichever weekday it is */
      ctx.today = week_ending;
      ctx.week_ends_on = g_date_time_get_day_of_week (week_ending);
    }
  else
    {
      ctx.today = now;
      ctx.week_ends_on = preferred_last_day ();
      week_ending = bulletin_template_week_ending (now, ctx.week_ends_on);
    }

  if (after != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (after);
      g_autofree char *last = NULL;
      BulletinFileLoadFlags flags = BULLETIN_FILE_LOAD_CLEAN;
      gsize len = 0;

      last = bulletin_file_load (file, NULL, &len, &flags, &error);
      if (last == NULL)
        {
          g_autofree char *message = bulletin_file_describe_error (file, BULLETIN_FILE_OPENING, error);

          print_error (message);
          return BULLETIN_CLI_EXIT_USAGE;
        }
      text = bulletin_template_carry_forward (last, &ctx);
    }
  else
    {
      template_text = bulletin_library_dup_weekly_template (NULL, NULL);
      text = bulletin_template_instantiate (template_text, &ctx, NULL, &unknown);
      for (guint i = 0; unknown != NULL && i < unknown->len; i++)
        {
          const char *name = unknown->pdata[i];
          g_autofree char *message = NULL;

          if (g_str_has_prefix (name, BULLETIN_TEMPLATE_EMPTY_PREFIX))
            name += strlen (BULLETIN_TEMPLATE_EMPTY_PREFIX);
          /* Translators: %s is a placeholder's name, e.g. "sender_name" */
          message = g_strdup_printf (_("warning: {{%s}} is left in the draft: fill in the sender’s details in Bulletin’s Preferences"),
                                     name);
          print_error (message);
        }
    }

  calendar_given = calendar != NULL;
  if (calendar == NULL)
    calendar = string_setting ("calendar-file");
  if (calendar != NULL)
    {
      g_auto(GStrv) bullets = diary_bullets (calendar, week_ending, &error);

      if (bullets == NULL && calendar_given)
        {
          print_error (error->message);
          return BULLETIN_CLI_EXIT_USAGE;
        }
      if (bullets == NULL)
        {
          /* the calendar of Preferences is a help, not what was asked */
          g_autofree char *message = g_strdup_printf (_("warning: %s"), error->message);

          print_error (message);
          g_clear_error (&error);
        }
      else if (bullets[0] == NULL)
        {
          g_autoptr(GDateTime) monday = NULL;
          g_autoptr(GDateTime) next_monday = NULL;
          g_autoptr(GDateTime) sunday = NULL;
          g_autofree char *first = NULL;
          g_autofree char *last = NULL;
          g_autofree char *message = NULL;

          bulletin_diary_next_week (week_ending, &monday, &next_monday);
          sunday = g_date_time_add_days (monday, 6);
          first = bulletin_template_format_day_month (monday, NULL);
          last = bulletin_template_format_day_month (sunday, NULL);
          /* Translators: "warning: the calendar has no events from Monday
           * 7 December to Sunday 13 December" */
          message = g_strdup_printf (_("warning: the calendar has no events from %s to %s"), first, last);
          print_error (message);
        }
      else
        {
          g_autofree char *filled = bulletin_diary_insert (text, (const char * const *) bullets, template_text);

          g_free (text);
          text = g_steal_pointer (&filled);
        }
    }

  {
    gsize len = strlen (text);

    bytes = g_bytes_new_take (g_steal_pointer (&text), len);
  }
  if (!write_stdout (bytes, &error))
    {
      print_error (error->message);
      return BULLETIN_CLI_EXIT_USAGE;
    }

  return 0;
}

/**
 * bulletin_cli_run:
 * @argc: the argument count from main()
 * @argv: the arguments from main()
 * @handled: (out): whether the command line was an export
 *
 * Runs an export when the command line asks for one (see
 * bulletin_cli_wants_export()); otherwise does nothing and sets @handled
 * to %FALSE, for the application to start as usual.
 *
 * Returns: the exit status for main()
 */
int
bulletin_cli_run (int       argc,
                  char    **argv,
                  gboolean *handled)
{
  g_return_val_if_fail (handled != NULL, BULLETIN_CLI_EXIT_USAGE);

  if (wants (argc, argv, "--new-update"))
    {
      *handled = TRUE;
      return run_new_update (argc, argv);
    }

  if (wants (argc, argv, "--check"))
    {
      *handled = TRUE;
      return run_check (argc, argv);
    }

  *handled = bulletin_cli_wants_export (argc, argv);
  if (!*handled)
    return 0;

  return run (argc, argv);
}
