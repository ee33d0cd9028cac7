package io.moked.crm.lead.files;

/** Progress of an import's second pass (the one that writes), for a progress bar. */
public interface ImportProgress {
    ImportProgress NONE = new ImportProgress() {
        @Override
        public void start(long records) {
        }

        @Override
        public void advance(long records) {
        }
    };

    /** @param records how many records the file has (known after the first pass) */
    void start(long records);

    void advance(long records);
}
