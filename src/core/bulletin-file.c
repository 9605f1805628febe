/* bulletin-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "bulletin-file.h"
#include "bulletin-markdown.h"

G_DEFINE_QUARK (bulletin-file-error-quark, bulletin_file_error)

/* Images, documents and archives say what they are in their first
 * bytes; anything else is binary only if NUL bytes are common in it. A
 * text with a stray NUL (from a broken export, say) is text, and the NUL
 * becomes U+FFFD as CommonMark asks (issue 14). */
static gboolean
looks_binary (const char *data,
              gsize       len)
{
  static const struct { const char *magic; gsize len; } kinds[] = {
    { "\x89PNG", 4 }, { "\xFF\xD8\xFF", 3 }, { "GIF8", 4 }, { "PK\x03\x04", 4 },
    { "%PDF", 4 }, { "\x1F\x8B", 2 }, { "\x7F" "ELF", 4 }, { "\xD0\xCF\x11\xE0", 4 },
  };
  gsize n = MIN (len, 64 * 1024);
  gsize nuls = 0;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (len >= kinds[i].len && memcmp (data, kinds[i].magic, kinds[i].len) == 0)
      return TRUE;

  for (const char *p = data; (p = memchr (p, '\0', data + n - p)) != NULL; p++)
    nuls++;
  return nuls > n / 100 + 1;
}

/* Counts well-formed multi-byte UTF-8 sequences and invalid bytes. A file
 * with many of the first and a few of the second is UTF-8 with damage; a
 * file with none of the first was written in a legacy 8-bit encoding. */
static void
count_utf8 (const char *data,
            gsize       len,
            gsize      *n_multibyte,
            gsize      *n_invalid)
{
  const char *p = data;
  const char *end = data + len;

  *n_multibyte = 0;
  *n_invalid = 0;

  while (p < end)
    {
      gunichar c;

      if ((guchar)*p < 0x80)
        {
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          (*n_invalid)++;
          p++;
        }
      else
        {
          (*n_multibyte)++;
          p = g_utf8_next_char (p);
        }
    }
}

/**
 * bulletin_file_decode:
 * @data: the bytes of a file
 * @len: their number
 * @out_len: (out) (optional): length of the result
 * @flags: (out) (optional): what had to be done to the text
 * @error: return location for an error
 *
 * Turns a file's bytes into text the editor can hold without losing any
 * of it: a UTF-8 byte-order mark is dropped, UTF-16 with a byte-order
 * mark and Windows-1252 files are converted, and stray invalid bytes in a
 * UTF-8 file become U+FFFD. Files that look binary are refused.
 *
 * Returns: (transfer full): valid, nul-terminated UTF-8, or %NULL
 */
char *
bulletin_file_decode (const char             *data,
                      gsize                   len,
                      gsize                  *out_len,
                      BulletinFileLoadFlags  *flags,
                      GError                **error)
{
  BulletinFileLoadFlags result_flags = BULLETIN_FILE_LOAD_CLEAN;
  g_autofree char *converted = NULL;
  gboolean valid;
  char *text;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (data == NULL)
    data = "";

  if (len >= 2 && ((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE))
    {
      gsize written = 0;
      converted = g_convert (data + 2, len - 2, "UTF-8", "UTF-16LE", NULL, &written, NULL);
      if (converted != NULL)
        {
          data = converted;
          len = written;
          result_flags |= BULLETIN_FILE_LOAD_CONVERTED;
        }
    }
  else if (len >= 2 && ((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF))
    {
      gsize written = 0;
      converted = g_convert (data + 2, len - 2, "UTF-8", "UTF-16BE", NULL, &written, NULL);
      if (converted != NULL)
        {
          data = converted;
          len = written;
          result_flags |= BULLETIN_FILE_LOAD_CONVERTED;
        }
    }
  else if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  if (converted == NULL && looks_binary (data, len))
    {
      g_set_error_literal (error, BULLETIN_FILE_ERROR, BULLETIN_FILE_ERROR_NOT_TEXT,
                           _("The file is not a text file"));
      return NULL;
    }

  valid = g_utf8_validate (data, len, NULL);

  if (!valid && converted == NULL)
    {
      gsize n_multibyte, n_invalid;

      count_utf8 (data, len, &n_multibyte, &n_invalid);
      /* invalid only for its NULs: UTF-8 (or ASCII) with stray NULs */
      if (n_multibyte == 0 && n_invalid > 0)
        {
          gsize written = 0;

          converted = g_convert (data, len, "UTF-8", "WINDOWS-1252", NULL, &written, NULL);
          if (converted != NULL)
            {
              data = converted;
              len = written;
              result_flags |= BULLETIN_FILE_LOAD_CONVERTED;
              valid = g_utf8_validate (data, len, NULL);
            }
        }
    }

  text = bulletin_markdown_sanitize (data, len, out_len, &valid);
  if (!valid)
    result_flags |= BULLETIN_FILE_LOAD_REPLACED;

  if (flags != NULL)
    *flags = result_flags;

  return text;
}

typedef struct
{
  char *text;
  gsize len;
  BulletinFileLoadFlags flags;
} LoadResult;

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_free (result->text);
  g_free (result);
}

static gboolean
set_too_large (GError **error,
               goffset  size)
{
  g_autofree char *limit = g_format_size (BULLETIN_FILE_MAX_SIZE);

  if (size > 0)
    {
      g_autofree char *formatted = g_format_size (size);

      g_set_error (error, BULLETIN_FILE_ERROR, BULLETIN_FILE_ERROR_TOO_LARGE,
                   _("it is too large (%s; the limit is %s)"), formatted, limit);
    }
  else
    g_set_error (error, BULLETIN_FILE_ERROR, BULLETIN_FILE_ERROR_TOO_LARGE,
                 _("it is too large (the limit is %s)"), limit);
  return FALSE;
}

/* The size a file reports can be 0 (/dev/zero, a pipe, /proc) or wrong,
 * so the limit holds on what is actually read. */
static char *
read_at_most (GFile         *file,
              GCancellable  *cancellable,
              gsize          limit,
              gsize         *size,
              GError       **error)
{
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, error);
  g_autoptr(GString) data = NULL;
  gssize n;

  if (in == NULL)
    return NULL;

  data = g_string_sized_new (64 * 1024);
  do
    {
      g_string_set_size (data, data->len + 64 * 1024);
      n = g_input_stream_read (G_INPUT_STREAM (in), data->str + data->len - 64 * 1024,
                               64 * 1024, cancellable, error);
      if (n < 0)
        return NULL;
      g_string_set_size (data, data->len - 64 * 1024 + n);
      if (data->len > limit)
        {
          set_too_large (error, 0);
          return NULL;
        }
    }
  while (n > 0);

  *size = data->len;
  return g_string_free (g_steal_pointer (&data), FALSE);
}

/**
 * bulletin_file_load:
 * @file: a #GFile
 * @cancellable: (nullable): a #GCancellable
 * @len: (out) (optional): the length of the text
 * @flags: (out) (optional): what decoding did
 * @error: return location for a #GIOError or #BULLETIN_FILE_ERROR
 *
 * Reads and decodes @file in the calling thread (see
 * bulletin_file_decode()), refusing files larger than
 * %BULLETIN_FILE_MAX_SIZE.
 *
 * Returns: (transfer full) (nullable): valid UTF-8, or %NULL
 */
char *
bulletin_file_load (GFile                  *file,
                    GCancellable           *cancellable,
                    gsize                  *len,
                    BulletinFileLoadFlags  *flags,
                    GError                **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  /* most files say their size: refuse a large one before reading it */
  if (info != NULL && g_file_info_get_size (info) > BULLETIN_FILE_MAX_SIZE)
    {
      set_too_large (error, g_file_info_get_size (info));
      return NULL;
    }

  contents = read_at_most (file, cancellable, BULLETIN_FILE_MAX_SIZE, &size, error);
  if (contents == NULL)
    return NULL;

  return bulletin_file_decode (contents, size, len, flags, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = source_object;
  g_autoptr(GError) error = NULL;
  LoadResult *result;

  result = g_new0 (LoadResult, 1);
  result->text = bulletin_file_load (file, cancellable, &result->len, &result->flags, &error);
  if (result->text == NULL)
    {
      load_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, result, load_result_free);
}

/**
 * bulletin_file_load_async:
 * @file: a #GFile
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the text is ready
 * @user_data: data for @callback
 *
 * Reads and decodes @file in a worker thread (see bulletin_file_decode()).
 */
void
bulletin_file_load_async (GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, bulletin_file_load_async);
  g_task_run_in_thread (task, load_thread);
}

/**
 * bulletin_file_load_finish:
 * @file: the #GFile passed to bulletin_file_load_async()
 * @result: the #GAsyncResult
 * @len: (out) (optional): length of the text in bytes
 * @flags: (out) (optional): what decoding had to do
 * @error: return location for an error
 *
 * Returns: (transfer full): the text, or %NULL on error
 */
char *
bulletin_file_load_finish (GFile                  *file,
                           GAsyncResult           *result,
                           gsize                  *len,
                           BulletinFileLoadFlags  *flags,
                           GError                **error)
{
  LoadResult *res;
  char *text;

  g_return_val_if_fail (g_task_is_valid (result, file), NULL);

  res = g_task_propagate_pointer (G_TASK (result), error);
  if (res == NULL)
    return NULL;

  if (len != NULL)
    *len = res->len;
  if (flags != NULL)
    *flags = res->flags;

  text = g_steal_pointer (&res->text);
  load_result_free (res);

  return text;
}

/* The file's name is added by bulletin_file_describe_error(). */
static gboolean
set_errno_error (GError **error,
                 int      saved_errno)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  return FALSE;
}

/* Returns: 0, or the errno of the write that failed */
static int
write_all (int         fd,
           const char *data,
           gsize       len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, MIN (len, (gsize)G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return errno;
        }
      data += n;
      len -= n;
    }

  return 0;
}

/* Not a regular file (/dev/null, a pipe, a terminal): there is nothing to
 * rename over, so the bytes go straight in. */
static gboolean
write_in_place (const char  *path,
                const char  *data,
                gsize        len,
                GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CLOEXEC | O_NOCTTY, 0);
  int saved_errno;

  if (fd < 0)
    return set_errno_error (error, errno);

  saved_errno = write_all (fd, data, len);
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;

  return saved_errno == 0 || set_errno_error (error, saved_errno);
}

/**
 * bulletin_file_replace:
 * @file: the file to write
 * @data: the new contents
 * @len: their length
 * @cancellable: (nullable): a #GCancellable, checked before the rename
 * @error: return location for an error
 *
 * Replaces @file atomically: the bytes go to a temporary file in the same
 * folder, which is synced and renamed over @file only if every write, the
 * sync and the close succeeded. Otherwise the temporary file is removed
 * and @file is left exactly as it was. (GLib 2.74's
 * g_file_replace_contents() renamed a half-written file over the target
 * when a write failed on a full disk.) A symbolic link is followed and its
 * target replaced; a device such as /dev/null is written in place. Files
 * without a local path go through GIO.
 *
 * Returns: %TRUE if @file now holds @data
 */
gboolean
bulletin_file_replace (GFile         *file,
                       const char    *data,
                       gsize          len,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *given = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  GStatBuf st;
  gboolean exists;
  int saved_errno = 0;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  given = g_file_get_path (file);
  if (given == NULL)
    return g_file_replace_contents (file, data, len, NULL, FALSE, G_FILE_CREATE_NONE,
                                    NULL, cancellable, error);

  /* a link stays a link: what it points to gets the new text */
  path = realpath (given, NULL);
  if (path == NULL)
    path = g_steal_pointer (&given);

  exists = g_stat (path, &st) == 0;
  if (exists && S_ISDIR (st.st_mode))
    return set_errno_error (error, EISDIR);
  if (exists && !S_ISREG (st.st_mode))
    return write_in_place (path, data, len, error);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  /* created with 0666 less the umask, like any new file */
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_errno_error (error, errno);

  /* a replaced file keeps its permissions */
  if (exists && fchmod (fd, st.st_mode & 07777) != 0)
    saved_errno = errno;
  if (saved_errno == 0)
    saved_errno = write_all (fd, data, len);
  if (saved_errno == 0 && fsync (fd) != 0)
    saved_errno = errno;
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;

  if (saved_errno == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  if (saved_errno == 0 && g_rename (tmp, path) != 0)
    saved_errno = errno;

  if (saved_errno != 0)
    {
      g_unlink (tmp);
      return set_errno_error (error, saved_errno);
    }

  /* the rename itself reaches the disk with the folder */
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }

  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = source_object;
  GBytes *bytes = task_data;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  if (!bulletin_file_replace (file, data, len, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * bulletin_file_save_async:
 * @file: where to save
 * @text: the text
 * @len: its length, or -1 if nul-terminated
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Replaces @file with @text atomically, in a worker thread.
 */
void
bulletin_file_save_async (GFile               *file,
                          const char          *text,
                          gssize               len,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (text != NULL);

  if (len < 0)
    len = strlen (text);

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, bulletin_file_save_async);
  g_task_set_task_data (task, g_bytes_new (text, len), (GDestroyNotify)g_bytes_unref);
  g_task_run_in_thread (task, save_thread);
}

gboolean
bulletin_file_save_finish (GFile         *file,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, file), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * bulletin_file_get_display_name:
 * @file: a #GFile
 *
 * Returns: (transfer full): the name to show for @file
 */
char *
bulletin_file_get_display_name (GFile *file)
{
  g_autofree char *basename = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  basename = g_file_get_basename (file);
  if (basename == NULL)
    return g_file_get_uri (file);

  return g_filename_display_name (basename);
}

/**
 * bulletin_file_export_folder:
 * @draft_file: (nullable): the draft's file, if it has one
 * @last_folder: (nullable): the path of the folder the last export went to
 *
 * Where an export is offered to go (issue 16: exports of untitled drafts
 * landed in whatever folder Bulletin was started from): beside the
 * draft's file; else where the last export went, if that folder is still
 * there; else the Documents folder; else the home folder.
 *
 * Returns: (transfer full): the folder
 */
GFile *
bulletin_file_export_folder (GFile      *draft_file,
                             const char *last_folder)
{
  const char *documents;

  g_return_val_if_fail (draft_file == NULL || G_IS_FILE (draft_file), NULL);

  if (draft_file != NULL)
    {
      GFile *parent = g_file_get_parent (draft_file);

      if (parent != NULL)
        return parent;
    }
  if (last_folder != NULL && *last_folder != '\0' && g_file_test (last_folder, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (last_folder);

  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);

  return g_file_new_for_path (g_get_home_dir ());
}

/**
 * bulletin_file_load_notice:
 * @flags: what bulletin_file_load() or bulletin_file_decode() reported
 *
 * Returns: (nullable): what the user should know about a file that was
 *   not clean UTF-8, or %NULL when it was
 */
const char *
bulletin_file_load_notice (BulletinFileLoadFlags flags)
{
  if (flags & BULLETIN_FILE_LOAD_REPLACED)
    return _("Some bytes in this file were not valid text and are shown as “�”");
  if (flags & BULLETIN_FILE_LOAD_CONVERTED)
    return _("This file was converted to UTF-8; saving will write UTF-8");
  return NULL;
}

/**
 * bulletin_file_describe_error:
 * @file: the file concerned
 * @saving: whether the error came from saving (otherwise opening)
 * @error: the error
 *
 * Puts a file error in words a user understands, naming the file and
 * what they can do about it.
 *
 * Returns: (transfer full): a sentence
 */
char *
bulletin_file_describe_error (GFile              *file,
                              BulletinFileAction  action,
                              const GError       *error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  name = bulletin_file_get_display_name (file);

  if (error->domain == BULLETIN_FILE_ERROR)
    {
      if (error->code == BULLETIN_FILE_ERROR_NOT_TEXT)
        return g_strdup_printf (_("“%s” is not a text file, so it cannot be opened as a draft."), name);
      return g_strdup_printf (_("“%s” could not be opened: %s."), name, error->message);
    }

  /* the command line has no Save As and no text kept in a window */
  if (action == BULLETIN_FILE_WRITING_OUTPUT && error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_NOT_FOUND:
          return g_strdup_printf (_("“%s” could not be written because its folder does not exist."), name);
        case G_IO_ERROR_PERMISSION_DENIED:
          return g_strdup_printf (_("You do not have permission to write “%s”."), name);
        case G_IO_ERROR_NO_SPACE:
          return g_strdup_printf (_("“%s” could not be written because the disk is full. Nothing was changed."), name);
        case G_IO_ERROR_READ_ONLY:
          return g_strdup_printf (_("“%s” is on a read-only disk."), name);
        case G_IO_ERROR_IS_DIRECTORY:
          return g_strdup_printf (_("“%s” is a folder, not a file."), name);
        default:
          return g_strdup_printf (_("“%s” could not be written: %s"), name, error->message);
        }
    }

  if (error->domain == G_IO_ERROR)
    {
      gboolean saving = action != BULLETIN_FILE_OPENING;

      switch (error->code)
        {
        case G_IO_ERROR_NOT_FOUND:
          return saving
            ? g_strdup_printf (_("“%s” could not be saved because its folder no longer exists."), name)
            : g_strdup_printf (_("“%s” could not be found. It may have been moved or deleted."), name);
        case G_IO_ERROR_PERMISSION_DENIED:
          return saving
            ? g_strdup_printf (_("You do not have permission to save “%s” there. Try Save As to choose another folder."), name)
            : g_strdup_printf (_("You do not have permission to open “%s”."), name);
        case G_IO_ERROR_NO_SPACE:
          return g_strdup_printf (_("“%s” could not be saved because the disk is full. Your text is still here; free some space or save it somewhere else."), name);
        case G_IO_ERROR_READ_ONLY:
          return g_strdup_printf (_("“%s” is on a read-only disk. Try Save As to choose another folder."), name);
        case G_IO_ERROR_IS_DIRECTORY:
          return g_strdup_printf (_("“%s” is a folder, not a file."), name);
        default:
          break;
        }
    }

  return action == BULLETIN_FILE_OPENING
    ? g_strdup_printf (_("“%s” could not be opened: %s"), name, error->message)
    : action == BULLETIN_FILE_SAVING
    ? g_strdup_printf (_("“%s” could not be saved: %s"), name, error->message)
    : g_strdup_printf (_("“%s” could not be written: %s"), name, error->message);
}

/**
 * bulletin_file_is_markdown:
 * @file: a #GFile
 * @content_type: (nullable): its content type, if known
 *
 * Decides whether a dropped or opened file is something to edit: Markdown
 * or plain text, by name or by content type.
 *
 * Returns: %TRUE if Bulletin should open @file as a draft
 */
gboolean
bulletin_file_is_markdown (GFile      *file,
                           const char *content_type)
{
  static const char * const suffixes[] = { ".md", ".markdown", ".mdown", ".mkd", ".txt", ".text" };
  g_autofree char *basename = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  basename = g_file_get_basename (file);
  if (basename != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (basename, -1);

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        if (g_str_has_suffix (lower, suffixes[i]))
          return TRUE;
    }

  return content_type != NULL && g_content_type_is_a (content_type, "text/plain");
}

/**
 * bulletin_file_suggest_name:
 * @title: (nullable): the draft's title
 * @fallback: the name to use when @title is empty
 *
 * Makes a file name from a title: characters that file systems or mail
 * attachments dislike become dashes, and ".md" is added.
 *
 * Returns: (transfer full): a file name
 */
char *
bulletin_file_suggest_name (const char *title,
                            const char *fallback)
{
  GString *name;

  g_return_val_if_fail (fallback != NULL, NULL);

  name = g_string_new (NULL);
  if (title != NULL)
    {
      for (const char *p = title; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          /* "Weekly update: winter" reads "Weekly update – winter", and
           * "10:30" the British "10.30", not "update- winter" */
          if (c == ':')
            {
              if (p[1] == ' ')
                g_string_append (name, " \xE2\x80\x93");
              else
                g_string_append_c (name, '.');
              continue;
            }
          if (c == '/' || c == '\\' || c == '*' || c == '?' || c == '"' ||
              c == '<' || c == '>' || c == '|' || g_unichar_iscntrl (c))
            c = '-';
          if (name->len == 0 && (c == '.' || g_unichar_isspace (c)))
            continue;
          g_string_append_unichar (name, c);
          if (g_utf8_strlen (name->str, -1) >= 80)
            break;
        }
    }

  while (name->len > 0 && (name->str[name->len - 1] == ' ' || name->str[name->len - 1] == '.'))
    g_string_truncate (name, name->len - 1);

  if (name->len == 0)
    g_string_assign (name, fallback);

  g_string_append (name, ".md");

  return g_string_free (name, FALSE);
}
