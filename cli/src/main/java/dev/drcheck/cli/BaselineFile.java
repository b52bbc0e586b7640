package dev.drcheck.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.drcheck.core.report.Baseline;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Reads a previous {@code drcheck file --format json} report as a {@link Baseline}. */
final class BaselineFile {
    private static final JsonFactory JSON = new JsonFactory();

    private BaselineFile() {
    }

    /**
     * The findings of the report in {@code file}.
     *
     * @throws UnreadableInputException when the file is missing or is not a drcheck JSON report
     */
    static Baseline read(String file) throws UnreadableInputException {
        try (JsonParser parser = JSON.createParser(Path.of(file).toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAReport(file);
            }
            Set<String> keys = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("findings".equals(field) && parser.currentToken() == JsonToken.START_ARRAY) {
                    keys = findings(parser);
                } else {
                    parser.skipChildren();
                }
            }
            if (keys == null) {
                throw notAReport(file);
            }
            return new Baseline(keys);
        } catch (NoSuchFileException e) {
            throw new UnreadableInputException(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new UnreadableInputException(file, "permission denied");
        } catch (UnreadableInputException e) {
            throw e;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new UnreadableInputException(file, "not a drcheck JSON report: invalid JSON at line "
                    + (where == null ? "?" : where.getLineNr() + " column " + where.getColumnNr())
                    + " (expected: the output of drcheck file --format json)");
        } catch (IOException e) {
            throw new UnreadableInputException(file, "I/O error: " + e.getMessage());
        }
    }

    private static Set<String> findings(JsonParser parser) throws IOException {
        Set<String> keys = new HashSet<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String id = null;
            String mac = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("id".equals(field)) {
                    id = parser.getValueAsString();
                } else if ("culprit".equals(field) && parser.currentToken() == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String culpritField = parser.currentName();
                        parser.nextToken();
                        if ("mac".equals(culpritField)) {
                            mac = parser.getValueAsString();
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (id != null && mac != null) {
                keys.add(Baseline.key(id, mac));
            }
        }
        return keys;
    }

    private static UnreadableInputException notAReport(String file) {
        return new UnreadableInputException(file, "not a drcheck JSON report (expected: the output of"
                + " drcheck file --format json, with a findings list)");
    }
}
