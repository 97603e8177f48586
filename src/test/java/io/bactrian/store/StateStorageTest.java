package io.bactrian.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warning that every run forgets its state: on Function Compute or SCF, without
 * {@code history.jdbc-url}, with the data folder on the instance's own disk, and only then.
 */
class StateStorageTest {
    /** /proc/self/mountinfo of a function instance: its own disk, and a NAS mount at /mnt/nas. */
    private static final List<String> MOUNTS = List.of(
            "22 1 253:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw",
            "30 22 0:25 / /tmp rw,nosuid shared:5 - tmpfs tmpfs rw",
            "41 22 0:40 / /mnt/nas rw,relatime shared:9 - nfs 0a1b2c.cn-hangzhou.nas.aliyuncs.com:/ rw,vers=3,nolock",
            "42 22 0:41 / /mnt/my\\040share rw - nfs4 10.0.0.8:/cfs rw,vers=4.0");
    private static final Map<String, String> FC = Map.of("FC_FUNCTION_NAME", "monitor");
    private static final Map<String, String> SCF = Map.of("SCF_FUNCTIONNAME", "monitor");

    @TempDir
    Path tmp;

    @Test
    void aFunctionWithItsDataFolderOnItsOwnDiskIsWarned() {
        Optional<String> warning = StateStorage.forgotten("", Path.of("/tmp/data"), FC, MOUNTS);
        assertTrue(warning.isPresent());
        assertEquals(1, warning.get().lines().count(), "one line");
        assertTrue(warning.get().startsWith("State is not kept between runs: on Function Compute (FC_FUNCTION_NAME is"
                + " set) the data folder /tmp/data is on the instance's own disk (tmpfs)"), warning.get());
        assertTrue(StateStorage.forgotten("", Path.of("/code/data"), SCF, MOUNTS).orElseThrow()
                .contains("on SCF (SCF_FUNCTIONNAME is set) the data folder /code/data is on the instance's own disk"
                        + " (ext4)"));
    }

    @Test
    void aDatabaseOrANetworkMountKeepsTheState() {
        assertEquals(Optional.empty(), StateStorage.forgotten("jdbc:postgresql://db/monitor", Path.of("/tmp/data"), FC,
                MOUNTS), "a database");
        assertEquals(Optional.empty(), StateStorage.forgotten("", Path.of("/mnt/nas/bactrian"), FC, MOUNTS), "NAS");
        assertEquals(Optional.empty(), StateStorage.forgotten("", Path.of("/mnt/my share/data"), SCF, MOUNTS),
                "CFS, its mount point written with an escaped space");
    }

    @Test
    void elsewhereTheFolderIsWhereTheUserKeepsIt() {
        assertEquals(Optional.empty(), StateStorage.forgotten("", Path.of("/tmp/data"), Map.of(), MOUNTS));
    }

    @Test
    void aLinkToTheNasCountsAsTheNas() throws Exception {
        Path nas = Files.createDirectories(tmp.resolve("nas"));
        Path link = Files.createSymbolicLink(tmp.resolve("data"), nas);
        List<String> mounts = List.of("22 1 253:1 / / rw - ext4 /dev/vda1 rw",
                "41 22 0:40 / " + nas.toRealPath() + " rw - nfs nas:/ rw");
        assertEquals(Optional.empty(), StateStorage.forgotten("", link.resolve("sub"), FC, mounts));
    }
}
