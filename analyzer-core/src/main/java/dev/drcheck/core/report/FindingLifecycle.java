package dev.drcheck.core.report;

import dev.drcheck.core.finding.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Episodes of findings in a capture that never ends ({@code drcheck live} as a service): from the interim reports
 * taken every status interval, a finding (a check and a culprit MAC) is <em>raised</em> when it first appears or its
 * count grows again after it was cleared, and <em>cleared</em> when its count has not grown for the quiet period.
 * Each episode counts its own occurrences. Memory grows with the distinct findings (checks times culprits), not with
 * time.
 */
public final class FindingLifecycle {
    private final long clearAfterNanos;
    private final Map<String, Episode> episodes = new LinkedHashMap<>();

    /** @param clearAfterNanos how long a finding's count must stay unchanged before it is cleared */
    public FindingLifecycle(long clearAfterNanos) {
        this.clearAfterNanos = clearAfterNanos;
    }

    /** What happened to a finding. */
    public enum Kind {
        /** Its evidence appeared (again). */
        RAISED,
        /** Nothing new was seen for the quiet period. */
        CLEARED
    }

    /**
     * One transition.
     *
     * @param kind raised or cleared
     * @param finding the finding as the latest report had it
     * @param episodeCount occurrences within this episode
     */
    public record Transition(Kind kind, Finding finding, long episodeCount) {
    }

    /**
     * Takes the latest interim report at time {@code nowNanos} (any monotonic clock) and returns what was raised or
     * cleared since the previous one, raised first.
     */
    public List<Transition> update(Report snapshot, long nowNanos) {
        List<Transition> transitions = new ArrayList<>();
        for (Finding finding : snapshot.findings()) {
            String key = finding.checkId() + " " + finding.culprit().mac();
            Episode episode = episodes.get(key);
            if (episode == null) {
                episode = new Episode(finding, nowNanos);
                episodes.put(key, episode);
                transitions.add(new Transition(Kind.RAISED, finding, finding.count()));
                continue;
            }
            episode.latest = finding;
            if (finding.count() > episode.lastCount) {
                if (!episode.active) {
                    episode.active = true;
                    episode.countAtStart = episode.lastCount;
                    transitions.add(new Transition(Kind.RAISED, finding, finding.count() - episode.countAtStart));
                }
                episode.lastCount = finding.count();
                episode.lastGrowthNanos = nowNanos;
            }
        }
        for (Episode episode : episodes.values()) {
            if (episode.active && nowNanos - episode.lastGrowthNanos >= clearAfterNanos) {
                episode.active = false;
                transitions.add(new Transition(Kind.CLEARED, episode.latest,
                        episode.lastCount - episode.countAtStart));
            }
        }
        return transitions;
    }

    /** The findings raised and not cleared, in the order they were first raised. */
    public List<Finding> active() {
        return episodes.values().stream().filter(e -> e.active).map(e -> e.latest).toList();
    }

    /** One finding's state: its latest form, whether it stands, and its counts. */
    private static final class Episode {
        Finding latest;
        boolean active = true;
        long countAtStart;
        long lastCount;
        long lastGrowthNanos;

        Episode(Finding finding, long nowNanos) {
            latest = finding;
            lastCount = finding.count();
            lastGrowthNanos = nowNanos;
        }
    }
}
