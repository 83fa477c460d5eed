"""Application-wide helpers of the Qt shell: translations (``i18n``), Qt objects kept on the GUI
thread (``gui_thread``) and the files shipped beside the code (``resource_files``)."""
