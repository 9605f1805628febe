/* bulletin-window-images.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bulletin-images.h"
#include "bulletin-window-private.h"

/* Images dropped on the window or pasted into the editor (issue 14). A
 * draft with a file gets a copy in an "images" folder beside it and a
 * relative address, so the folder carries everything; a draft without
 * one has nowhere to put a file, so the image goes into the database
 * with the draft's words and the draft names it `bulletin-image:KEY`.
 * Either way the text gets `![name](address)` where the image landed,
 * and the preview, the exports and the checks find it. */

/* the words of a new image: its name, for the author to replace with a
 * description (the checks ask for alt text, not file names) */
static char *
alt_for (const char *name)
{
  g_autofree char *alt = g_strdup (name);
  char *dot = strrchr (alt, '.');

  if (dot != NULL && dot != alt)
    *dot = '\0';
  g_strdelimit (alt, "_", ' ');
  return g_steal_pointer (&alt);
}

/* Keeps @data and writes its Markdown at @where, a paragraph of its own.
 * Returns FALSE, having said why in a toast, if it could not be kept. */
static gboolean
insert_image (BulletinWindow *self,
              GBytes         *data,
              const char     *name,
              GtkTextIter    *where)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autofree char *kept_name = NULL;
  g_autofree char *url = NULL;
  g_autofree char *alt = NULL;
  g_autofree char *markdown = NULL;
  GString *text;

  kept = bulletin_image_prepare_for_draft (data, name, &kept_name, &error);
  if (kept != NULL && bulletin_window_get_file (self) != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (bulletin_window_get_file (self));

      if (folder != NULL)
        bulletin_image_copy_beside (folder, kept, kept_name, &url, &error);
    }
  else if (kept != NULL)
    {
      BulletinStore *store = bulletin_window_get_store (self, &error);
      BulletinImageInfo info = { 0 };

      if (store != NULL && bulletin_image_query_bytes (kept, &info, &error))
        url = bulletin_store_image_add (store, kept_name, info.mime_type, kept, &error);
      bulletin_image_info_clear (&info);
    }

  if (url == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: the first %s is a file name, the second why */
      message = g_strdup_printf (_("“%s” could not be added: %s"), name,
                                 error != NULL ? error->message : _("there is nowhere to keep it"));
      bulletin_window_add_toast (self, message);
      return FALSE;
    }

  alt = alt_for (kept_name);
  markdown = bulletin_image_markdown (alt, url);
  text = g_string_new (NULL);
  if (!gtk_text_iter_starts_line (where))
    g_string_append (text, "\n\n");
  g_string_append (text, markdown);
  if (!gtk_text_iter_ends_line (where))
    g_string_append (text, "\n\n");

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_interactive (buffer, where, text->str, text->len,
                                      gtk_text_view_get_editable (GTK_TEXT_VIEW (self->source_view)));
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_place_cursor (buffer, where);
  g_string_free (text, TRUE);
  return TRUE;
}

static gboolean
is_image_file (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  return path != NULL && gdk_pixbuf_get_file_info (path, NULL, NULL) != NULL;
}

static void
insert_files (BulletinWindow *self,
              const GSList   *files,
              GtkTextIter    *where)
{
  for (const GSList *l = files; l != NULL; l = l->next)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) data = g_file_load_bytes (l->data, NULL, NULL, &error);
      g_autofree char *name = g_file_get_basename (l->data);

      if (data == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("“%s” could not be added: %s"), name, error->message);

          bulletin_window_add_toast (self, message);
          continue;
        }
      insert_image (self, data, name, where);
    }
}

static gboolean
all_images (const GSList *files)
{
  if (files == NULL)
    return FALSE;
  for (const GSList *l = files; l != NULL; l = l->next)
    if (!is_image_file (l->data))
      return FALSE;
  return TRUE;
}

/**
 * bulletin_window_drop_images:
 * @self: a #BulletinWindow
 * @files: (element-type GFile): what was dropped
 * @x: where, in the window
 * @y: where, in the window
 *
 * Returns: %TRUE when @files were all images, now in the draft where
 *   they were dropped on the editor (else at the cursor)
 */
gboolean
bulletin_window_drop_images (BulletinWindow *self,
                             const GSList   *files,
                             double          x,
                             double          y)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->source_view);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  graphene_point_t point;
  GtkTextIter where;

  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), FALSE);

  if (!all_images (files))
    return FALSE;
  if (!gtk_text_view_get_editable (view))
    {
      bulletin_window_add_toast (self, _("This draft cannot be changed now, so the image was not added"));
      return TRUE;
    }

  gtk_text_buffer_get_iter_at_mark (buffer, &where, gtk_text_buffer_get_insert (buffer));
  if (gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (view), &GRAPHENE_POINT_INIT (x, y), &point) &&
      gtk_widget_contains (GTK_WIDGET (view), point.x, point.y))
    {
      int bx, by;

      gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, point.x, point.y, &bx, &by);
      gtk_text_view_get_iter_at_location (view, &where, bx, by);
    }

  insert_files (self, files, &where);
  return TRUE;
}

static void
files_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BulletinWindow) self = user_data;
  GdkClipboard *clipboard = GDK_CLIPBOARD (object);
  const GValue *value = gdk_clipboard_read_value_finish (clipboard, result, NULL);
  const GSList *files = value != NULL ? g_value_get_boxed (value) : NULL;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);

  if (all_images (files))
    {
      GtkTextIter where;

      gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
      gtk_text_buffer_get_iter_at_mark (buffer, &where, gtk_text_buffer_get_insert (buffer));
      insert_files (self, files, &where);
      return;
    }

  /* files that are not all images: their names, as a paste would give */
  gtk_text_buffer_paste_clipboard (buffer, clipboard, NULL,
                                   gtk_text_view_get_editable (GTK_TEXT_VIEW (self->source_view)));
}

static void
texture_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BulletinWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, &error);
  g_autoptr(GBytes) png = NULL;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter where;

  if (texture == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The image could not be pasted: %s"), error->message);

      bulletin_window_add_toast (self, message);
      return;
    }

  png = gdk_texture_save_to_png_bytes (texture);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_get_iter_at_mark (buffer, &where, gtk_text_buffer_get_insert (buffer));
  /* Translators: the file name of an image pasted from the clipboard */
  insert_image (self, png, _("Pasted image.png"), &where);
}

/* Before GtkTextView pastes text: files that are images, or an image
 * with no text beside it (a screenshot, "Copy Image" in a browser), go
 * into the draft as images */
static void
paste_clipboard_cb (GtkTextView    *view,
                    BulletinWindow *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  g_autoptr(GdkContentFormats) formats = NULL;

  if (!gtk_text_view_get_editable (view))
    return;

  formats = gdk_content_formats_union_deserialize_gtypes (gdk_content_formats_ref (gdk_clipboard_get_formats (clipboard)));
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    {
      g_signal_stop_emission_by_name (view, "paste-clipboard");
      gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, NULL,
                                      files_read_cb, g_object_ref (self));
    }
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE) &&
           !gdk_content_formats_contain_gtype (formats, G_TYPE_STRING))
    {
      g_signal_stop_emission_by_name (view, "paste-clipboard");
      gdk_clipboard_read_texture_async (clipboard, NULL, texture_read_cb, g_object_ref (self));
    }
}

/* the preview asks for bulletin-image: addresses from the window's
 * database, whichever it turns out to be (tests give their own) */
static GBytes *
preview_resolve_cb (const char  *url,
                    char       **name,
                    gpointer     user_data,
                    GError     **error)
{
  BulletinWindow *self = user_data;
  BulletinStore *store = bulletin_window_get_store (self, NULL);

  if (store == NULL)
    return NULL;
  return bulletin_store_image_resolve (url, name, store, error);
}

void
bulletin_window_init_images (BulletinWindow *self)
{
  g_signal_connect_object (self->source_view, "paste-clipboard",
                           G_CALLBACK (paste_clipboard_cb), self, 0);
  /* the preview is the window's child: it never outlives it */
  bulletin_preview_set_image_resolver (self->preview, preview_resolve_cb, self, NULL);
}
